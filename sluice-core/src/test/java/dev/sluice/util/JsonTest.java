package dev.sluice.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void objectsRoundTripWithKeyOrderAndTypes() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", "last");
    inner.put("a", "first");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", 42L);
    m.put("neg", -7L);
    m.put("big", new BigInteger("123456789012345678901234567890"));
    m.put("d", 1.5);
    m.put("s", "quote \" and \n newline");
    m.put("t", true);
    m.put("nothing", null);
    m.put("list", Arrays.asList(1L, "two", null, List.of()));
    m.put("conf", inner);

    String text = Json.write(m);
    assertThat(text).isEqualTo("{\"n\":42,\"neg\":-7,\"big\":123456789012345678901234567890,\"d\":1.5,"
        + "\"s\":\"quote \\\" and \\n newline\",\"t\":true,\"nothing\":null,\"list\":[1,\"two\",null,[]],"
        + "\"conf\":{\"z\":\"last\",\"a\":\"first\"}}");
    Map<String, Object> back = Json.parseObject(text);
    assertThat(back).isEqualTo(m);
    assertThat(back.keySet()).containsExactly("n", "neg", "big", "d", "s", "t", "nothing", "list", "conf");
    assertThat(List.copyOf(((Map<?, ?>) back.get("conf")).keySet())).isEqualTo(List.of("z", "a"));
  }

  @Test
  void intsWritesAsWholeNumbers() {
    assertThat(Json.write(Map.of("i", 3))).isEqualTo("{\"i\":3}");
    assertThat(Json.parseObject("{\"i\":3}").get("i")).isEqualTo(3L);
  }

  @Test
  void badTextIsRefusedWithTheReason() {
    assertThatThrownBy(() -> Json.parseObject("{\"a\":1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end-of-input");
    assertThatThrownBy(() -> Json.parseObject("[1,2]")).hasMessage("expected a JSON object, found [");
    assertThatThrownBy(() -> Json.parseObject("")).hasMessage("expected a JSON object, found nothing");
    assertThatThrownBy(() -> Json.parseObject("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unrecognized token 'x'");
    assertThatThrownBy(() -> Json.parseObject("{\"a\":1}{}"))
        .hasMessage("unexpected content after the JSON object: {");
  }

  @Test
  void typedGettersNameTheField() {
    Map<String, Object> m = Json.parseObject("{\"size\":\"12\",\"path\":7}");
    assertThatThrownBy(() -> Json.getLong(m, "size")).hasMessage("field 'size' is not a whole number: 12");
    assertThatThrownBy(() -> Json.getLong(m, "missing")).hasMessage("field 'missing' is missing");
    assertThatThrownBy(() -> Json.getString(m, "path")).hasMessage("field 'path' is not a string: 7");
    assertThat(Json.getLong(Json.parseObject("{\"x\":-1}"), "x")).isEqualTo(-1L);
  }
}
