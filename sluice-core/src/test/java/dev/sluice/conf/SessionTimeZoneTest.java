package dev.sluice.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import org.junit.jupiter.api.Test;

/**
 * The session time zone: UTC and its spellings are accepted; any other zone is refused with a message
 * saying why, instead of being accepted and ignored (which would print and parse every timestamp in UTC
 * while the user believes otherwise). Spark's key spelling is refused the same way.
 */
class SessionTimeZoneTest {
  @Test
  void utcAndItsSpellingsAreAccepted() {
    try (Session s = Session.builder().create()) {
      for (String z : new String[] {"UTC", "Z", "GMT", "+00:00", "Etc/UTC"}) {
        s.conf().set("spark.sql.session.timeZone", z);
        assertThat(s.conf().get("sluice.sql.session.timeZone")).isEqualTo(z);
      }
    }
  }

  @Test
  void anotherZoneIsRefusedNotIgnored() {
    try (Session s = Session.builder().create()) {
      for (String z : new String[] {"America/Los_Angeles", "+02:00"}) {
        assertThatThrownBy(() -> s.conf().set("spark.sql.session.timeZone", z)).as(z)
            .isInstanceOf(SluiceException.class).hasMessageContaining("only UTC is supported so far")
            .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.CONFIG_INVALID));
      }
      assertThatThrownBy(() -> s.sql("SET spark.sql.session.timeZone = Mars/Olympus"))
          .isInstanceOf(SluiceException.class).hasMessageContaining("is not a time zone");
    }
  }
}
