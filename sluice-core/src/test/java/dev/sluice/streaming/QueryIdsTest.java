package dev.sluice.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueryIdsTest {
  @Test
  void idsAreVersion4AndDistinct() {
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      UUID id = QueryIds.random();
      assertThat(id.version()).isEqualTo(4);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(seen.add(id)).as("duplicate %s", id).isTrue();
    }
    // Bits are spread: each of the 122 random bits is set in some ids and clear in others.
    long orMsb = 0;
    long andMsb = -1;
    for (UUID id : seen) {
      orMsb |= id.getMostSignificantBits();
      andMsb &= id.getMostSignificantBits();
    }
    assertThat(orMsb & ~0xF000L).isEqualTo(-1L & ~0xF000L);
    assertThat(andMsb & ~0xF000L).isEqualTo(0L);
  }
}
