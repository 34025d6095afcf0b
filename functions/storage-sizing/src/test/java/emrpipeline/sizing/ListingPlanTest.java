package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which runs list everything and where the others start; the index root's format as the sizing reads it. */
class ListingPlanTest {
    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    private static final IndexRoot.ListingState STATE = new IndexRoot.ListingState("raw/", "day=2026-11-21/",
            List.of("day=2026-11-19/", "day=2026-11-20/"), Instant.parse("2026-11-18T06:00:00Z"));

    private static SizingJob job(boolean full, int lookBack, int days) {
        SizingJob base = new SizingRequestValidator(SizingRequestValidatorTest.DEFAULTS)
                .validate(SizingRequestValidatorTest.request("run-1"));
        return new SizingJob(base.runId(), base.bucket(), base.rawPrefix(), base.pipelinePrefix(), base.ebs(),
                base.listConcurrency(), full, lookBack, days);
    }

    @Test
    void withAWatermarkARunListsFromItsPartitionOn() {
        ListingPlan plan = ListingPlan.decide(job(false, 0, 7), STATE, 2, NOW);
        assertEquals("incremental", plan.mode());
        assertEquals("raw/day=2026-11-21", plan.startAfter(), "the partition itself sorts after this");
        assertTrue(plan.range().contains("raw/day=2026-11-21/a.csv"));
        assertTrue(plan.range().contains("raw/day=2026-12-01/a.csv"));
        assertTrue(!plan.range().contains("raw/day=2026-11-20/z.csv"));
        assertNull(plan.incrementalFrom());
    }

    @Test
    void theLookBackStartsThatManyCommittedPartitionsEarlier() {
        assertEquals("raw/day=2026-11-20", ListingPlan.decide(job(false, 1, 7), STATE, 2, NOW).startAfter());
        assertEquals("raw/day=2026-11-19", ListingPlan.decide(job(false, 2, 7), STATE, 2, NOW).startAfter());
        ListingPlan tooFar = ListingPlan.decide(job(false, 3, 7), STATE, 2, NOW);
        assertEquals("full", tooFar.mode(), "the index remembers 2 partitions below the watermark");
        assertTrue(tooFar.reason().contains("look-back of 3 partitions"), tooFar.reason());
    }

    @Test
    void fullListingsAndWhy() {
        assertEquals("requested (fullReconciliation: true)", ListingPlan.decide(job(true, 0, 7), STATE, 2, NOW).reason());
        assertEquals("raw/day=2026-11-21", ListingPlan.decide(job(true, 0, 7), STATE, 2, NOW).incrementalFrom(),
                "a requested full listing still counts what an incremental one would have missed");
        assertTrue(ListingPlan.decide(job(false, 0, 7), null, 0, NOW).reason().contains("first run"));
        assertTrue(ListingPlan.decide(job(false, 0, 7), null, 1, NOW).reason().contains("format 1"));
        assertTrue(ListingPlan.decide(job(false, 0, 7), new IndexRoot.ListingState("raw/", null, List.of(), null), 2, NOW)
                .reason().contains("no watermark"));
        assertTrue(ListingPlan.decide(job(false, 0, 0), STATE, 2, NOW).reason().contains("every run"));
        ListingPlan periodic = ListingPlan.decide(job(false, 0, 4), STATE, 2, NOW);
        assertEquals("full", periodic.mode());
        assertTrue(periodic.reason().startsWith("periodic reconciliation: the last committed full listing was at"
                + " 2026-11-18T06:00:00Z, 4 days ago"), periodic.reason());
        assertEquals("incremental", ListingPlan.decide(job(false, 0, 5), STATE, 2, NOW).mode(), "4 days < 5");
        assertTrue(ListingPlan.decide(job(false, 0, 7), new IndexRoot.ListingState("raw/", "day=1/", List.of(), null), 2, NOW)
                .reason().contains("no full listing"));
    }

    static IndexRoot root(String json) {
        return IndexRootReader.read(new ByteArrayInputStream(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)), "root.json");
    }

    @Test
    void theRootIsReadAndTheShardsAListingNeedsAreChosen() {
        IndexRoot root = root("{'formatVersion':2,'generation':3,'updatedAt':'2026-11-22T06:41:07Z','entries':60,"
                + "'shards':[{'firstKey':'','name':'00000001-a-0000.tsv.gz','entries':10,'bytes':1},"
                + "{'firstKey':'raw/day=2026-11-20/','name':'00000002-b-0000.tsv.gz','entries':20,'bytes':1},"
                + "{'firstKey':'raw/day=2026-11-21/m','name':'00000003-c-0000.tsv.gz','entries':30,'bytes':1,'future':[1]}],"
                + "'retired':[],'listings':[{'rawPrefix':'raw/','watermark':'day=2026-11-21/',"
                + "'previousPartitions':['day=2026-11-20/'],'lastFullListingAt':'2026-11-20T06:00:03Z'}],'unknown':{}}");
        assertEquals(60, root.entries());
        assertEquals("day=2026-11-21/", root.listing("raw/").watermark());
        assertNull(root.listing("other/"));
        assertEquals(List.of(0, 1, 2), root.shardsFor("raw/", KeyRange.ALL));
        assertEquals(List.of(1, 2), root.shardsFor("raw/", new KeyRange("raw/day=2026-11-21", null)),
                "shard 0 ends before the listing starts");
        assertEquals(List.of(2), root.shardsFor("raw/", new KeyRange("raw/day=2026-11-21/x", null)));
        assertEquals(List.of(0), root.shardsFor("other/", KeyRange.ALL), "'other/' sorts before 'raw/...'");
        assertEquals(List.of(2), root.shardsFor("zzz/", KeyRange.ALL));
        assertEquals("raw0", IndexRoot.prefixEnd("raw/"));
    }

    @Test
    void aRootThatBreaksTheFormatIsCorrupt() {
        String ok = "'shards':[{'firstKey':'','name':'s.tsv.gz','entries':1}]";
        String[] broken = {
            "{'formatVersion':3,'generation':1,'entries':1," + ok + "}",
            "{'formatVersion':2,'generation':1,'entries':2," + ok + "}",
            "{'formatVersion':2,'generation':1,'entries':1,'shards':[{'firstKey':'a','name':'s.tsv.gz','entries':1}]}",
            "{'formatVersion':2,'generation':1,'entries':2,'shards':[{'firstKey':'','name':'s.tsv.gz','entries':1},"
                    + "{'firstKey':'','name':'t.tsv.gz','entries':1}]}",
            "{'formatVersion':2,'generation':1,'entries':1,'shards':[{'firstKey':'','name':'../x.tsv.gz','entries':1}]}",
            "{'formatVersion':2,'generation':1,'entries':1," + ok + ",'listings':[{'rawPrefix':'raw/','watermark':'a/',"
                    + "'previousPartitions':['b/']}]}",
            "{'formatVersion':2,'generation':1,'entries':1," + ok + ",'listings':[{'rawPrefix':'raw/','watermark':'day=1'}]}",
            "{'formatVersion':2,'generation':1,'entries':1," + ok + ",'listings':[{'rawPrefix':'raw/','lastFullListingAt':'soon'}]}",
            "{'formatVersion':2," + ok + "}",
            "[]",
            "{",
        };
        for (String json : broken) {
            CorruptPipelineObjectException e = org.junit.jupiter.api.Assertions.assertThrows(
                    CorruptPipelineObjectException.class, () -> root(json), json);
            assertTrue(e.getMessage().startsWith("root.json is not a valid processed-index root"), e.getMessage());
        }
    }
}
