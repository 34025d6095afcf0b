package emrpipeline.ledger;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * DynamoDB Local (embedded) and S3Proxy (in-process), one instance per test class. Each test takes its own table
 * and bucket names, so tests never see each other's data.
 */
final class LocalAws implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final AmazonDynamoDBLocal dynamoLocal;
    final DynamoDbClient dynamo;
    final S3Proxy s3Proxy;
    private final S3ProxyFront s3Front;
    /** The S3Proxy client (the function's own, through {@link S3ProxyFront}), with conditional PUTs made atomic (see {@link #atomicConditionalPuts}). */
    final S3Client s3;

    private LocalAws(AmazonDynamoDBLocal dynamoLocal, S3Proxy s3Proxy, S3ProxyFront s3Front, S3Client s3) {
        this.dynamoLocal = dynamoLocal;
        this.dynamo = dynamoLocal.dynamoDbClient();
        this.s3Proxy = s3Proxy;
        this.s3Front = s3Front;
        this.s3 = atomicConditionalPuts(s3);
    }

    /**
     * S3 evaluates a PUT's If-Match / If-None-Match and writes atomically. S3Proxy 4.1.0 does not: for its
     * filesystem and transient stores it checks If-Match in the request handler and then writes (Quirks.NATIVE_IF_MATCH
     * lists only azureblob), so two concurrent conditional PUTs can both pass; seen here as lost updates when 8
     * writers commit at once. This client makes each conditional PUT one critical section, which is what S3 gives.
     * Unconditional requests and all reads stay concurrent.
     */
    static S3Client atomicConditionalPuts(S3Client delegate) {
        Object lock = new Object();
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof java.util.function.Consumer) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            boolean conditional = args != null && args.length > 0
                    && args[0] instanceof software.amazon.awssdk.services.s3.model.PutObjectRequest put
                    && (put.ifMatch() != null || put.ifNoneMatch() != null);
            try {
                if (conditional) {
                    synchronized (lock) {
                        return method.invoke(delegate, args);
                    }
                }
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, handler);
    }

    static LocalAws start() throws Exception {
        AmazonDynamoDBLocal dynamoLocal = DynamoDBEmbedded.create(true);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .build();
        proxy.start(); // Jetty's start returns once the server accepts connections
        S3ProxyFront front = new S3ProxyFront(proxy.getPort());
        S3Client s3 = LedgerClients.s3(ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_S3", front.endpoint().toString()))
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"))));
        return new LocalAws(dynamoLocal, proxy, front, s3);
    }

    /** A fresh name for a table or bucket (lower-case, valid for both). */
    static String uniqueName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** Creates the ledger table exactly as template.yaml's RunLedgerTable declares it (keys and GSIs). */
    String createLedgerTable() {
        String name = uniqueName("ledger");
        dynamo.createTable(t -> t.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attr(LedgerTable.PK), attr(LedgerTable.SK), attr(LedgerTable.RECORD_TYPE),
                        attr(LedgerTable.RUN_STATUS), attr(LedgerTable.STARTED_AT))
                .keySchema(hash(LedgerTable.PK), range(LedgerTable.SK))
                .globalSecondaryIndexes(
                        gsi(LedgerTable.INDEX_BY_STARTED_AT, LedgerTable.RECORD_TYPE, LedgerTable.STARTED_AT),
                        gsi(LedgerTable.INDEX_BY_STATUS, LedgerTable.RUN_STATUS, LedgerTable.STARTED_AT)));
        return name;
    }

    String createBucket() {
        String name = uniqueName("data");
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    /** All items of a table (tests' view of "what was written"). */
    List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> scan(String table) {
        return dynamo.scan(s -> s.tableName(table).consistentRead(true)).items();
    }

    LedgerSettings settings(String table, String bucket) {
        return new LedgerSettings(table, bucket, "emr-pipeline/", Duration.ofHours(7), TestData.PRICES,
                LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL, LedgerSettings.DEFAULT_COMMIT_MAX_ATTEMPTS, Duration.ofMillis(5));
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    private static GlobalSecondaryIndex gsi(String name, String hashKey, String rangeKey) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(hash(hashKey), range(rangeKey))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    /** Wraps a DynamoDbClient and counts the requests it sends, by operation (one per call taking a request object). */
    static final class CountingDynamo {
        final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
        final DynamoDbClient client;
        /** When set and true for an operation name, that request fails with a 500 before it is sent (a crash). */
        volatile java.util.function.Predicate<String> failWhen = op -> false;

        CountingDynamo(DynamoDbClient delegate) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (args != null && args.length > 0 && args[0] instanceof java.util.function.Consumer) {
                    // The consumer-builder overload builds the request and calls the request overload on this proxy.
                    return InvocationHandler.invokeDefault(proxy, method, args);
                }
                if (args != null && args.length > 0 && args[0] instanceof software.amazon.awssdk.core.SdkRequest) {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicLong()).incrementAndGet();
                    if (failWhen.test(method.getName())) {
                        throw software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
                                .statusCode(500).message("injected failure of " + method.getName()).build();
                    }
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                    new Class<?>[] {DynamoDbClient.class}, handler);
        }

        /** Requests that write (or try to): everything but GetItem, Query and Scan. */
        long writes() {
            return calls.entrySet().stream().filter(e -> !Set.of("getItem", "query", "scan").contains(e.getKey()))
                    .mapToLong(e -> e.getValue().get()).sum();
        }

        long total() {
            return calls.values().stream().mapToLong(AtomicLong::get).sum();
        }

        void reset() {
            calls.clear();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            s3.close();
            s3Front.close();
            s3Proxy.stop();
        } finally {
            dynamoLocal.shutdown();
        }
    }
}
