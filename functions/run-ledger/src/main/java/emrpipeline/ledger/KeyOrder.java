package emrpipeline.ledger;
// Forced copy: the storage sizing and the run ledger have this file, identical apart from the package line (statemachine's ForcedCopiesTest).

/**
 * The order of S3 keys in the manifest and the processed index (docs/data-formats.md, "Shared rules"): keys compare
 * as their UTF-8 bytes, unsigned, which is Unicode code point order and the order S3 lists in.
 * {@link String#compareTo} compares UTF-16 units and disagrees for characters above U+FFFF.
 */
public final class KeyOrder {
    private KeyOrder() {
    }

    /** Compares like {@code a.getBytes(UTF_8)} and {@code b.getBytes(UTF_8)} would, without encoding them. */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (ca >= Character.MIN_SURROGATE && cb >= Character.MIN_SURROGATE) {
                    // Surrogates (U+D800-DFFF: code points from U+10000) sort above U+E000-FFFF in UTF-8.
                    ca = aboveBmpLast(ca);
                    cb = aboveBmpLast(cb);
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    private static char aboveBmpLast(char c) {
        return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
    }
}
