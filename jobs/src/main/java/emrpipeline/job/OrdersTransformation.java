package emrpipeline.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The sample transformation, over the sample data's orders ({@code local/sample-data/}): typed columns, the line
 * total, the order's date (UTC) to partition by, and the run id as lineage. Replace this class with your own
 * (docs/spark-job.md, "Replacing the transformation").
 */
public final class OrdersTransformation implements Transformation {
    @Override
    public StructType inputSchema() {
        return new StructType()
                .add("order_id", DataTypes.LongType)
                .add("ordered_at", DataTypes.TimestampType)
                .add("customer_id", DataTypes.StringType)
                .add("sku", DataTypes.StringType)
                .add("quantity", DataTypes.IntegerType)
                .add("unit_price_eur", DataTypes.createDecimalType(12, 2));
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> rows, RunContext run) {
        return rows
                .withColumn("line_total_eur", col("unit_price_eur").multiply(col("quantity")).cast(DataTypes.createDecimalType(14, 2)))
                .withColumn("order_date", to_date(col("ordered_at")))
                .withColumn("run_id", lit(run.runId()));
    }

    @Override
    public List<String> partitionColumns() {
        return List.of("order_date");
    }
}
