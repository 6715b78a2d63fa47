package io.brook.log;

/** Kafka's segment file names: the segment's base offset, zero-padded to 20 digits, then a suffix. */
public final class LogFileNames {
    public static final String LOG_SUFFIX = ".log";
    /** Enough digits for any non-negative long, so names sort in offset order. */
    private static final int OFFSET_DIGITS = 20;

    private LogFileNames() {
    }

    public static String logFileName(long baseOffset) {
        return String.format("%0" + OFFSET_DIGITS + "d", baseOffset) + LOG_SUFFIX;
    }

    /** The base offset in a segment file name, or -1 when the name is not a segment file's. */
    public static long baseOffsetOf(String fileName) {
        if (!fileName.endsWith(LOG_SUFFIX) || fileName.length() != OFFSET_DIGITS + LOG_SUFFIX.length()) {
            return -1;
        }
        String digits = fileName.substring(0, OFFSET_DIGITS);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }
}
