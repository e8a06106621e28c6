package io.securewatch.controlplane.web;

/** Keeps field names taken from client input short and printable when they appear in error messages. */
public final class FieldPaths {

    private static final int MAX_NAME_LENGTH = 64;

    private FieldPaths() {}

    public static String printable(String name) {
        StringBuilder printable = new StringBuilder();
        name.codePoints().limit(MAX_NAME_LENGTH).forEach(codePoint -> {
            if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT) {
                printable.append('?');
            } else {
                printable.appendCodePoint(codePoint);
            }
        });
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            printable.append("...");
        }
        return printable.toString();
    }
}
