package emrpipeline.ledger;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Prices for the cost estimate, from configuration: {@code PRICE_TABLE_JSON}
 * ({@code {"m5.xlarge":{"ec2":0.192,"emr":0.048},...}}, USD per instance-hour), {@code SPOT_PRICE_FACTOR}
 * (spot EC2 price as a fraction of on-demand) and {@code EBS_GP3_USD_PER_GIB_MONTH}. A table that cannot be read
 * never fails a run: it only makes every estimate absent, with {@link #problem()} as the reason.
 */
public final class PriceTable {

    /** One instance type's prices, USD per instance-hour. */
    public record InstancePrice(double ec2PerHour, double emrPerHour) {
    }

    public static final double DEFAULT_SPOT_PRICE_FACTOR = 0.4;
    public static final double DEFAULT_GP3_USD_PER_GIB_MONTH = 0.08;

    private final Map<String, InstancePrice> prices;
    private final double spotPriceFactor;
    private final double gp3UsdPerGibMonth;
    private final String problem;

    public PriceTable(Map<String, InstancePrice> prices, double spotPriceFactor, double gp3UsdPerGibMonth) {
        this(Map.copyOf(prices), spotPriceFactor, gp3UsdPerGibMonth, null);
    }

    private PriceTable(Map<String, InstancePrice> prices, double spotPriceFactor, double gp3UsdPerGibMonth,
                       String problem) {
        this.prices = prices;
        this.spotPriceFactor = spotPriceFactor;
        this.gp3UsdPerGibMonth = gp3UsdPerGibMonth;
        this.problem = problem;
    }

    /**
     * Reads the configuration values; never throws. A null or blank table is empty (every estimate absent, with a
     * reason); a malformed value is kept as {@link #problem()}.
     */
    public static PriceTable fromConfiguration(String priceTableJson, String spotPriceFactor, String gp3UsdPerGibMonth) {
        double spot = DEFAULT_SPOT_PRICE_FACTOR;
        double gp3 = DEFAULT_GP3_USD_PER_GIB_MONTH;
        try {
            if (spotPriceFactor != null && !spotPriceFactor.isBlank()) {
                spot = Double.parseDouble(spotPriceFactor.trim());
                if (!(spot > 0 && spot <= 1)) {
                    return invalid("SPOT_PRICE_FACTOR must be a number in (0, 1], got " + spotPriceFactor);
                }
            }
            if (gp3UsdPerGibMonth != null && !gp3UsdPerGibMonth.isBlank()) {
                gp3 = Double.parseDouble(gp3UsdPerGibMonth.trim());
                if (!(gp3 >= 0) || Double.isInfinite(gp3)) {
                    return invalid("EBS_GP3_USD_PER_GIB_MONTH must be a number >= 0, got " + gp3UsdPerGibMonth);
                }
            }
        } catch (NumberFormatException e) {
            return invalid("SPOT_PRICE_FACTOR / EBS_GP3_USD_PER_GIB_MONTH must be numbers: " + e.getMessage());
        }
        if (priceTableJson == null || priceTableJson.isBlank()) {
            return new PriceTable(Map.of(), spot, gp3, null);
        }
        try {
            return new PriceTable(Collections.unmodifiableMap(parse(priceTableJson)), spot, gp3, null);
        } catch (IOException | IllegalArgumentException e) {
            return invalid("PRICE_TABLE_JSON is not valid: " + e.getMessage());
        }
    }

    private static PriceTable invalid(String problem) {
        return new PriceTable(Map.of(), DEFAULT_SPOT_PRICE_FACTOR, DEFAULT_GP3_USD_PER_GIB_MONTH, problem);
    }

    private static Map<String, InstancePrice> parse(String json) throws IOException {
        Map<String, InstancePrice> prices = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object of instance types");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String type = p.currentName();
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException(type + ": expected {\"ec2\": <USD/h>, \"emr\": <USD/h>}");
                }
                Double ec2 = null;
                Double emr = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw new IllegalArgumentException(type + "." + field + ": expected a number");
                    }
                    double v = p.getDoubleValue();
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new IllegalArgumentException(type + "." + field + ": expected a number >= 0");
                    }
                    switch (field) {
                        case "ec2" -> ec2 = v;
                        case "emr" -> emr = v;
                        default -> throw new IllegalArgumentException(type + ": unknown field " + field);
                    }
                }
                if (ec2 == null || emr == null) {
                    throw new IllegalArgumentException(type + ": both \"ec2\" and \"emr\" prices are required");
                }
                prices.put(type, new InstancePrice(ec2, emr));
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException("unexpected content after the table");
            }
        }
        return prices;
    }

    /** The price of an instance type, or null when the table does not have it. */
    public InstancePrice priceOf(String instanceType) {
        return prices.get(instanceType);
    }

    public double spotPriceFactor() {
        return spotPriceFactor;
    }

    public double gp3UsdPerGibMonth() {
        return gp3UsdPerGibMonth;
    }

    /** Why the configured table cannot be used, or null. */
    public String problem() {
        return problem;
    }

    public int size() {
        return prices.size();
    }
}
