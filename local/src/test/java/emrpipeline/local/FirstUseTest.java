package emrpipeline.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.CommandLineTest.Outcome;
import emrpipeline.local.asl.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does first with local/run, through its command line: add files under names of their choosing (a
 * bad name is a one-line error at once, a good one is stored under exactly the key reported), run again and again
 * (the ledger is kept with the data, {@code --fresh} clears both, {@code --in-memory} keeps neither), read the
 * functions' logs, and never see a stack trace or an escape code for a setup error.
 */
class FirstUseTest {

    private static Outcome main(String... args) {
        Outcome o = CommandLineTest.main(args);
        assertFalse((o.out() + o.err()).contains("\u001b"), "an ANSI escape code in the output");
        return o;
    }

    /** A usage or setup error: exit status 2, one line saying why, no stack trace. */
    private static String assertOneLineError(Outcome o) {
        assertEquals(2, o.status(), o.out() + o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(1, lines.size(), "one line:\n" + o.err());
        assertFalse(o.err().contains("\tat ") || o.err().contains("Exception in thread"), o.err());
        return lines.get(0);
    }

    @Test
    void aBadKeyIsRefusedAtOnceAndAGoodOneIsStoredUnderTheKeyReported(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("orders.csv"), "order_id,customer_id,product,quantity,unit_price,ordered_at\n");
        Path data = dir.resolve("data");
        for (String bad : List.of("../escape.csv", "day=1/../../escape.csv", "/absolute.csv", "", "a//b.csv", "./a.csv",
                "folder/", "tab\there.csv", "line\nbreak.csv", "x".repeat(256) + ".csv", "d/".repeat(600) + "long.csv")) {
            String line = assertOneLineError(main("add", file.toString(), "--key", bad, "--data-dir", data.toString()));
            assertTrue(line.startsWith("--key '") || line.startsWith("local/run: --key '"), line);
            assertFalse(Files.exists(data), "nothing was started or written for --key " + bad.replace("\n", "\\n"));
        }
        assertTrue(assertOneLineError(main("add", file.toString(), "--key", "/x.csv", "--data-dir", data.toString()))
                .contains("give --key x.csv"), "says what to give instead");

        Outcome ok = main("add", file.toString(), "--key", "day=2026-11-23/new orders.csv", "--data-dir", data.toString());
        assertEquals(0, ok.status(), ok.out() + ok.err());
        String key = "raw/day=2026-11-23/new orders.csv";
        assertTrue(ok.out().contains("to s3://emr-pipeline-local-data/" + key + " ("), ok.out());
        assertTrue(Files.isRegularFile(data.resolve("s3/emr-pipeline-local-data/" + key)), "stored under the key reported");

        Path oddName = Files.writeString(dir.resolve("a\u0001b.csv"), "x\n");
        String line = assertOneLineError(main("add", oddName.toString(), "--data-dir", data.toString()));
        assertTrue(line.contains("the file name") && line.contains("--key"), line);
    }

    @Test
    void theLedgerIsKeptWithTheDataFreshClearsBothAndInMemoryKeepsNeither(@TempDir Path data) throws Exception {
        Path summary = data.resolve("summary.json");
        Outcome first = main("run", "--no-spark", "--data-dir", data.toString(), "--seed", "21", "--name", "first",
                "--start", "2026-11-22T06:00:00Z", "--summary", summary.toString());
        assertEquals(0, first.status(), first.out() + first.err());
        assertTrue(first.out().contains("ledger in " + data.resolve("dynamodb")), first.out());
        assertTrue(first.out().contains("Ledger: 1 run record"), first.out());
        assertTrue(first.out().contains("Function logs: " + data.resolve("logs/first.log")), first.out());
        Path ledgerFile = data.resolve("dynamodb/ledger.db");
        assertTrue(Files.isRegularFile(ledgerFile));
        JsonNode steps = Json.parse(Files.readString(summary)).path("sparkSteps");
        assertEquals(1, steps.size(), steps.toString());
        assertFalse(steps.get(0).path("ran").asBoolean(), "the step was simulated: " + steps);
        assertTrue(steps.get(0).path("note").asText().startsWith("simulated"), steps.toString());

        Outcome second = main("run", "--no-spark", "--data-dir", data.toString(), "--seed", "22", "--name", "second", "--verbose");
        assertEquals(0, second.status(), second.out() + second.err());
        assertTrue(second.out().contains("Ledger: 2 run records"), "the first run is remembered:\n" + second.out());
        assertTrue(second.out().matches("(?s).*\n    first +SUCCEEDED .*\n  \\* second +SKIPPED .*"), second.out());
        assertTrue(second.out().contains("Function logs (also in " + data.resolve("logs/second.log") + "):\n"
                + "RunLedgerFunction "), "--verbose prints the logs and where they are kept:\n" + second.out());

        Outcome fresh = main("run", "--no-spark", "--data-dir", data.toString(), "--seed", "23", "--name", "third", "--fresh");
        assertEquals(0, fresh.status(), fresh.out() + fresh.err());
        assertTrue(fresh.out().contains("sample data uploaded to raw/"), fresh.out());
        assertTrue(fresh.out().contains("Ledger: 1 run record\n  * third "), "--fresh cleared the ledger:\n" + fresh.out());
        assertTrue(fresh.out().contains("3 new objects"), "and the data, whose sample files are new again:\n" + fresh.out());

        FileTime before = Files.getLastModifiedTime(ledgerFile);
        Outcome inMemory = main("run", "--no-spark", "--in-memory", "--data-dir", data.toString(), "--seed", "24", "--name", "fourth");
        assertEquals(0, inMemory.status(), inMemory.out() + inMemory.err());
        assertTrue(inMemory.out().contains("data: in memory; ledger in memory"), inMemory.out());
        assertTrue(inMemory.out().contains("Ledger: 1 run record\n  * fourth "), inMemory.out());
        assertTrue(inMemory.out().contains("Function logs: not kept with --in-memory (--verbose prints them)"), inMemory.out());
        assertEquals(before, Files.getLastModifiedTime(ledgerFile), "--in-memory left the data folder's ledger alone");
        assertFalse(Files.exists(data.resolve("logs/fourth.log")));
    }

    @Test
    void aRunSkippedForALeaseNobodyWillReleaseSaysHowToGoOn(@TempDir Path data) {
        // An earlier run that was interrupted after BeginRun: here, its begin, sent by hand to the kept ledger.
        Outcome begin = main("invoke", "RunLedgerFunction", "-e", "events/run-ledger/begin.json", "--data-dir", data.toString());
        assertEquals(0, begin.status(), begin.out() + begin.err());

        Outcome skipped = main("run", "--no-spark", "--data-dir", data.toString(), "--seed", "25");
        assertEquals(0, skipped.status(), "SKIPPED is not a failure:\n" + skipped.out() + skipped.err());
        assertTrue(skipped.out().contains("Note: the ledger's lease is held by arn:aws:states:us-east-1:123456789012:execution:"
                + "emr-pipeline-StateMachine:2026-11-21-daily until "), skipped.out());
        assertTrue(skipped.out().contains("`local/run run --fresh` starts over"), skipped.out());
    }

    @Test
    void aSetupErrorIsOneLineWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "");
        String line = assertOneLineError(main("run", "--no-spark", "--data-dir", notAFolder.toString()));
        assertTrue(line.startsWith("local/run: cannot create the "), line);
    }
}
