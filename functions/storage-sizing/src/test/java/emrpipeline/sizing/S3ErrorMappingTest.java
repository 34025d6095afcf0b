package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** How S3 failures surface (Mockito S3 client), and that nothing is written when sizing fails. */
class S3ErrorMappingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T06:00:00Z"), ZoneOffset.UTC);
    private static final String INDEX = "emr-pipeline/index/processed.tsv.gz";
    private static final String INDEX_ROOT = "emr-pipeline/index/v2/root.json";
    private static final String MANIFEST = "emr-pipeline/manifests/run-1.json";

    private final S3Client s3 = mock(S3Client.class);

    private StorageSizingResult size(String concurrency) {
        StorageSizingRequest request = SizingRequestValidatorTest.request("run-1");
        request.setListConcurrency(concurrency);
        return new StorageSizingHandler(s3, StorageSizerS3ProxyTest.defaults("my-data"), CLOCK)
                .handleRequest(request, null);
    }

    private static S3Exception s3Error(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    private static ListObjectsV2Request withPrefix(String prefix) {
        return argThat(r -> r != null && prefix.equals(r.prefix()));
    }

    private static ListObjectsV2Response page(List<String> keys, List<String> commonPrefixes) {
        List<S3Object> objects = new ArrayList<>();
        for (String key : keys) {
            objects.add(S3Object.builder().key(key).eTag("\"e-" + key + "\"").size(10L)
                    .lastModified(Instant.parse("2026-11-20T00:00:00Z")).build());
        }
        return ListObjectsV2Response.builder().contents(objects).isTruncated(false)
                .commonPrefixes(commonPrefixes.stream().map(p -> CommonPrefix.builder().prefix(p).build()).toList())
                .build();
    }

    /** No manifest, no index (neither format), {@code raw/} holding two partitions of one object each. */
    private void stubEmptyPipelineAndTwoPartitions() {
        when(s3.listObjectsV2(withPrefix(MANIFEST))).thenReturn(page(List.of(), List.of()));
        when(s3.listObjectsV2(withPrefix(INDEX_ROOT))).thenReturn(page(List.of(), List.of()));
        when(s3.listObjectsV2(withPrefix(INDEX))).thenReturn(page(List.of(), List.of()));
        when(s3.listObjectsV2(withPrefix("raw/"))).thenReturn(page(List.of("raw/p=1/a", "raw/p=2/b"), List.of()));
    }

    @Test
    void invalidInputTouchesNothing() {
        StorageSizingRequest request = SizingRequestValidatorTest.request("run-1");
        request.setMinGib("2000");
        request.setMaxGib("1000");
        assertThrows(InvalidSizingRequestException.class,
                () -> new StorageSizingHandler(s3, StorageSizerS3ProxyTest.defaults("my-data"), CLOCK)
                        .handleRequest(request, null));
        verifyNoInteractions(s3);
    }

    @Test
    void noSuchBucketBecomesDataBucketNotFound() {
        when(s3.listObjectsV2(any(ListObjectsV2Request.class))).thenThrow(
                NoSuchBucketException.builder().statusCode(404).message("The specified bucket does not exist")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket").build()).build());
        DataBucketNotFoundException e = assertThrows(DataBucketNotFoundException.class, () -> size("4"));
        assertTrue(e.getMessage().startsWith("data bucket 'my-data' does not exist"), e.getMessage());
        assertTrue(e.getCause() instanceof NoSuchBucketException);
        verify(s3, never()).putObject(any(PutObjectRequest.class), any(RequestBody.class));
    }

    @Test
    void noSuchBucketAsAPlainS3ExceptionIsRecognisedByItsCode() {
        when(s3.listObjectsV2(any(ListObjectsV2Request.class))).thenThrow(s3Error(404, "NoSuchBucket", "gone"));
        assertThrows(DataBucketNotFoundException.class, () -> size("1"));
    }

    @Test
    void accessDeniedListingTheRawPrefixNamesThePrefixAndThePermission() {
        stubEmptyPipelineAndTwoPartitions();
        when(s3.listObjectsV2(withPrefix("raw/"))).thenThrow(s3Error(403, "AccessDenied", "Access Denied"));
        DataAccessDeniedException e = assertThrows(DataAccessDeniedException.class, () -> size("2"));
        assertEquals("access denied to ListObjectsV2 on bucket 'my-data' prefix 'raw/': the function's role"
                + " needs s3:ListBucket on arn:aws:s3:::my-data for s3:prefix 'raw/*' (and, for SSE-KMS objects,"
                + " kms:Decrypt / kms:GenerateDataKey on the key); S3 said: Access Denied", e.getMessage());
        verify(s3, never()).putObject(any(PutObjectRequest.class), any(RequestBody.class));
    }

    @Test
    void accessDeniedReadingTheIndexNamesTheKeyAndTheGetObjectPermission() {
        stubEmptyPipelineAndTwoPartitions();
        when(s3.listObjectsV2(withPrefix(INDEX))).thenReturn(page(List.of(INDEX), List.of()));
        when(s3.getObject(any(GetObjectRequest.class))).thenThrow(s3Error(403, "AccessDenied", "Access Denied"));
        DataAccessDeniedException e = assertThrows(DataAccessDeniedException.class, () -> size("2"));
        assertTrue(e.getMessage().contains("GetObject on bucket 'my-data' key '" + INDEX + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("s3:GetObject on arn:aws:s3:::my-data/" + INDEX), e.getMessage());
        verify(s3, never()).putObject(any(PutObjectRequest.class), any(RequestBody.class));
    }

    @Test
    void accessDeniedWritingTheManifestNamesThePutObjectPermission() {
        stubEmptyPipelineAndTwoPartitions();
        when(s3.putObject(any(PutObjectRequest.class), any(RequestBody.class)))
                .thenThrow(s3Error(403, "AccessDenied", "Access Denied"));
        DataAccessDeniedException e = assertThrows(DataAccessDeniedException.class, () -> size("2"));
        assertTrue(e.getMessage().contains("s3:PutObject on arn:aws:s3:::my-data/emr-pipeline/manifests/*"),
                e.getMessage());
        verify(s3, times(1)).putObject(any(PutObjectRequest.class), any(RequestBody.class));
    }

    @Test
    void aBare403WithoutErrorDetailsIsAccessDeniedToo() {
        when(s3.listObjectsV2(any(ListObjectsV2Request.class)))
                .thenThrow(S3Exception.builder().statusCode(403).message("Forbidden").build());
        DataAccessDeniedException e = assertThrows(DataAccessDeniedException.class, () -> size("1"));
        assertTrue(e.getMessage().endsWith("S3 said: Forbidden"), e.getMessage());
    }

    @Test
    void otherS3ErrorsAreRethrownAsTheyAre() {
        S3Exception slowDown = s3Error(503, "SlowDown", "Please reduce your request rate.");
        when(s3.listObjectsV2(any(ListObjectsV2Request.class))).thenThrow(slowDown);
        assertSame(slowDown, assertThrows(S3Exception.class, () -> size("1")));
    }

    @Test
    void theManifestIsPutOnceWithIfNoneMatch() {
        stubEmptyPipelineAndTwoPartitions();
        when(s3.putObject(any(PutObjectRequest.class), any(RequestBody.class)))
                .thenReturn(PutObjectResponse.builder().build());
        StorageSizingResult r = size("2");
        assertEquals(2, r.newObjectCount());
        assertEquals(1, r.listedRanges());
        assertEquals("full", r.listingMode());
        assertFalse(r.reusedManifest());
        verify(s3, times(1)).putObject(argThat((PutObjectRequest p) -> "*".equals(p.ifNoneMatch())
                && MANIFEST.equals(p.key()) && "my-data".equals(p.bucket())), any(RequestBody.class));
    }

    @Test
    void anUnretriedConnectionErrorOnThePutIsRetried() {
        stubEmptyPipelineAndTwoPartitions();
        when(s3.putObject(any(PutObjectRequest.class), any(RequestBody.class)))
                .thenThrow(new UncheckedIOException(new SocketException("Unexpected end of file from server")))
                .thenReturn(PutObjectResponse.builder().build());
        StorageSizingResult r = size("2");
        assertFalse(r.reusedManifest());
        verify(s3, times(2)).putObject(any(PutObjectRequest.class), any(RequestBody.class));
    }

    @Test
    void aPreconditionFailedPutReturnsTheManifestThatWonAsIs() {
        stubEmptyPipelineAndTwoPartitions();
        Manifest winner = Manifest.of("run-1", "my-data", "raw/", Instant.parse("2026-11-21T05:00:00Z"), null,
                new ArrayList<>(List.of(new ListedObject("raw/p=1/a", "x", 7, 0))));
        when(s3.putObject(any(PutObjectRequest.class), any(RequestBody.class))).thenAnswer(invocation -> {
            when(s3.listObjectsV2(withPrefix(MANIFEST))).thenReturn(page(List.of(MANIFEST), List.of()));
            when(s3.getObject(any(GetObjectRequest.class))).thenReturn(new ResponseInputStream<>(
                    GetObjectResponse.builder().build(),
                    AbortableInputStream.create(new ByteArrayInputStream(ManifestTest.bytes(winner)))));
            throw s3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        });
        StorageSizingResult r = size("2");
        assertTrue(r.reusedManifest());
        assertEquals(winner.sha256(), r.manifestSha256());
        assertEquals(1, r.newObjectCount());
        assertEquals(7, r.newBytes());
        verify(s3, times(1)).putObject(any(PutObjectRequest.class), any(RequestBody.class));
    }
}
