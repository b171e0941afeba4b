package weft.chaincode.testing;

import java.util.Comparator;

/**
 * Orders keys by Unicode code point, which is the byte order of their UTF-8 encoding: the order Fabric's state
 * database iterates in. ({@link String#compareTo} compares UTF-16 units and puts U+E000..U+FFFF after
 * supplementary characters, unlike UTF-8.)
 */
final class KeyOrder implements Comparator<String> {

    static final KeyOrder INSTANCE = new KeyOrder();

    /** Greater than every key that can follow a composite-key prefix: U+10FFFF, which attributes may not hold. */
    static final String MAX_CHAR = new String(Character.toChars(0x10FFFF));

    private KeyOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
