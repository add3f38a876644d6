package dev.sluice.testkit;

import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;
import static dev.sluice.testkit.StreamTest.addData;
import static dev.sluice.testkit.StreamTest.advanceManualClock;
import static dev.sluice.testkit.StreamTest.checkAnswer;
import static dev.sluice.testkit.StreamTest.startStream;
import static dev.sluice.testkit.StreamTest.stopStream;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.OutputMode;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.testkit.StreamTest.Step;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark's random stop/start stress test over the DSL: random data, stops and restarts from the
 * checkpoint, and checks of a running aggregation, from a seed (a failure names its seed).
 */
class RandomStopStartTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  /** The expected complete-mode answer: per word, the count and the sum of n. */
  private static List<Row> answer(Map<String, long[]> totals) {
    List<Row> rows = new ArrayList<>();
    totals.forEach((w, t) -> rows.add(Row.of(w, t[0], t[1])));
    return rows;
  }

  private static List<Row> randomRows(Random rnd, Map<String, long[]> totals) {
    List<Row> rows = new ArrayList<>();
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      String w = String.valueOf((char) ('a' + rnd.nextInt(5)));
      int v = rnd.nextInt(100);
      rows.add(Row.of(w, v));
      long[] t = totals.computeIfAbsent(w, k -> new long[2]);
      t[0]++;
      t[1] += v;
    }
    return rows;
  }

  private static Map<String, long[]> copy(Map<String, long[]> m) {
    Map<String, long[]> c = new TreeMap<>();
    m.forEach((k, v) -> c.put(k, v.clone()));
    return c;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 6})
  void countsSurviveRandomRestarts(long seed) {
    Random rnd = new Random(seed);
    MemoryStream events = MemoryStream.create(session, "word STRING, n INT");
    DataFrame totals = events.toDF().groupBy("word").agg(count("*").alias("c"), sum("n").alias("s"));
    Map<String, long[]> expected = new TreeMap<>();
    List<Step> steps = new ArrayList<>();
    boolean running = true;
    for (int i = 0; i < 30; i++) {
      int r = rnd.nextInt(10);
      if (r < 5) {
        steps.add(addData(events, randomRows(rnd, expected)));
      } else if (r < 7 && running) {
        steps.add(stopStream());
        running = false;
      } else if (!running) {
        steps.add(startStream());
        running = true;
      }
      if (running && rnd.nextInt(3) == 0) {
        steps.add(checkAnswer(answer(expected)));
      }
    }
    if (!running) {
      steps.add(startStream());
    }
    steps.add(checkAnswer(answer(expected)));
    StreamTest.of(session, totals, OutputMode.COMPLETE).run(steps);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {4, 5, 31})
  void countsSurviveRandomRestartsOnAManualClock(long seed) {
    Random rnd = new Random(seed);
    MemoryStream events = MemoryStream.create(session, "word STRING, n INT");
    DataFrame totals = events.toDF().groupBy("word").agg(count("*").alias("c"), sum("n").alias("s"));
    Map<String, long[]> added = new TreeMap<>();
    Map<String, long[]> processed = new TreeMap<>();
    List<Step> steps = new ArrayList<>();
    boolean running = true;
    long sinceTrigger = 0;   // clock time since the latest trigger of the running query
    for (int i = 0; i < 30; i++) {
      int r = rnd.nextInt(10);
      if (r < 4) {
        steps.add(addData(events, randomRows(rnd, added)));
      } else if (r < 7) {
        long ms = 250L * (1 + rnd.nextInt(6));
        steps.add(advanceManualClock(ms));
        sinceTrigger += ms;
        if (running && sinceTrigger >= 1000) {
          processed = copy(added);
          sinceTrigger = 0;
        }
      } else if (running) {
        steps.add(stopStream());
        running = false;
      } else {
        steps.add(startStream());   // the first trigger runs at once
        running = true;
        processed = copy(added);
        sinceTrigger = 0;
      }
      if (running && rnd.nextInt(3) == 0) {
        steps.add(checkAnswer(answer(processed)));
      }
    }
    // the last trigger (a restart, or a clock advance of a whole interval) processes everything
    steps.add(running ? advanceManualClock(1000) : startStream());
    steps.add(checkAnswer(answer(added)));
    StreamTest.of(session, totals, OutputMode.COMPLETE).withTrigger(Trigger.ProcessingTime(1000)).run(steps);
  }
}
