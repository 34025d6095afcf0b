package emrpipeline.local.aws;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * DynamoDB Local, embedded (in-process, no port): in memory, or in a SQLite file under a folder so the ledger
 * survives between runs. {@link #close()} shuts it down; it must always be called, since DynamoDB Local leaves
 * non-daemon threads that would keep the JVM alive.
 */
public final class LocalDynamoDb implements AutoCloseable {
    private final AmazonDynamoDBLocal dynamoDb;
    private final DynamoDbClient client;
    private final Path folder;

    private LocalDynamoDb(AmazonDynamoDBLocal dynamoDb, Path folder) {
        this.dynamoDb = dynamoDb;
        this.client = dynamoDb.dynamoDbClient();
        this.folder = folder;
    }

    /** In memory when {@code folder} is null, otherwise in a database file in {@code folder} (created if needed). */
    public static LocalDynamoDb start(Path folder) {
        if (folder == null) {
            return new LocalDynamoDb(DynamoDBEmbedded.create(true), null); // in memory, telemetry off
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the DynamoDB folder " + folder, e);
        }
        // DynamoDBEmbedded takes the SQLite database file itself (a folder here would hang its first query). Its second
        // argument turns telemetry off (otherwise it writes a metadata file into the working directory and calls AWS).
        return new LocalDynamoDb(DynamoDBEmbedded.create(folder.resolve("ledger.db").toAbsolutePath().toFile(), true), folder);
    }

    /** The client every function and the runner use (DynamoDB Local's own, in-process). */
    public DynamoDbClient client() {
        return client;
    }

    /** Where the database lives; null when in memory. */
    public Path folder() {
        return folder;
    }

    /** Creates a table unless one of that name exists; returns true when it created it. */
    public boolean createTable(CreateTableRequest request) {
        try {
            client.createTable(request);
            return true;
        } catch (ResourceInUseException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dynamoDb.shutdown();
    }
}
