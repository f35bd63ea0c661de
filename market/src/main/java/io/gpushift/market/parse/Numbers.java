package io.gpushift.market.parse;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Lenient-in-format, strict-in-value number reading. Accepts JSON numbers and strings such as {@code "13.2"},
 * {@code "$1,234.5"}, {@code " 3.40 "}, {@code "1.2e3"}; rejects everything else with a reason. The result is always
 * finite, within {@code [0, MAX]}; never NaN, infinite or negative.
 */
public final class Numbers {
    /** Sanity bound: far above any real price or network hashrate (Bitcoin ~1e21 H/s in 2025). */
    public static final double MAX = 1e30;
    private static final BigDecimal MAX_BD = new BigDecimal("1e30");
    private static final int MAX_TEXT = 64;
    /** Optional sign, optional '$', then digits with optional proper thousands grouping, fraction and exponent. */
    private static final Pattern TEXT = Pattern.compile(
            "([+-]?)\\s*\\$?\\s*([+-]?)((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");

    private Numbers() {
    }

    /** Reads {@code node} (found at {@code path}) as a non-negative finite number. */
    public static double nonNegative(JsonNode node, String path) throws ValueRejectedException {
        return check(toDecimal(node, path), path, quote(node));
    }

    /** As {@link #nonNegative} but also rejects zero (divisors: block time, network hashrate). */
    public static double positive(JsonNode node, String path) throws ValueRejectedException {
        double v = nonNegative(node, path);
        if (v <= 0) throw new ValueRejectedException(path, quote(node) + " must be greater than zero");
        return v;
    }

    /** Parses a text the same way as a JSON string value. */
    public static double parseText(String text, String path) throws ValueRejectedException {
        return check(textToDecimal(text, path), path, quoteText(text));
    }

    /** The decimal value, sign kept, or a rejection for non-numbers. */
    public static BigDecimal toDecimal(JsonNode node, String path) throws ValueRejectedException {
        if (node == null || node.isMissingNode()) throw new ValueRejectedException(path, "is missing");
        if (node.isNull()) throw new ValueRejectedException(path, "is null");
        if (node.isNumber()) {
            if (node.isDouble() || node.isFloat()) {
                double d = node.doubleValue();
                if (!Double.isFinite(d)) throw new ValueRejectedException(path, d + " is not a finite number");
            }
            return node.decimalValue();
        }
        if (node.isTextual()) return textToDecimal(node.textValue(), path);
        throw new ValueRejectedException(path, "is " + describe(node) + ", expected a number");
    }

    private static BigDecimal textToDecimal(String raw, String path) throws ValueRejectedException {
        if (raw == null) throw new ValueRejectedException(path, "is missing");
        String t = raw.strip();
        if (t.isEmpty()) throw new ValueRejectedException(path, "\"\" is not a number");
        if (t.length() > MAX_TEXT) throw new ValueRejectedException(path, quoteText(raw) + " is too long to be a number");
        var m = TEXT.matcher(t);
        if (!m.matches()) throw new ValueRejectedException(path, quoteText(raw) + " is not a number");
        if (!m.group(1).isEmpty() && !m.group(2).isEmpty()) {
            throw new ValueRejectedException(path, quoteText(raw) + " is not a number");
        }
        boolean negative = "-".equals(m.group(1)) || "-".equals(m.group(2));
        String digits = m.group(3).replace(",", "");
        if (digits.endsWith(".")) digits = digits + "0";
        String exp = m.group(4) == null ? "" : m.group(4);
        try {
            BigDecimal bd = new BigDecimal(digits + exp);
            return negative ? bd.negate() : bd;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ValueRejectedException(path, quoteText(raw) + " is not a number");
        }
    }

    private static double check(BigDecimal bd, String path, String shown) throws ValueRejectedException {
        if (bd.signum() < 0) throw new ValueRejectedException(path, shown + " is negative");
        if (bd.compareTo(MAX_BD) > 0) throw new ValueRejectedException(path, shown + " is implausibly large (> 1e30)");
        double d = bd.doubleValue();
        if (!Double.isFinite(d) || d < 0) throw new ValueRejectedException(path, shown + " is not a finite number");
        return d == 0.0 ? 0.0 : d; // normalises -0.0
    }

    /** Type name for messages. */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "missing";
        if (n.isObject()) return "an object";
        if (n.isArray()) return "an array";
        if (n.isBoolean()) return "a boolean (" + n.booleanValue() + ")";
        if (n.isNull()) return "null";
        if (n.isTextual()) return "a string " + quoteText(n.textValue());
        if (n.isNumber()) return "a number";
        return n.getNodeType().toString().toLowerCase();
    }

    static String quote(JsonNode n) {
        if (n != null && n.isTextual()) return quoteText(n.textValue());
        if (n != null && n.isNumber()) {
            String s = n.asText();
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
        return describe(n);
    }

    /** A short, printable, quoted excerpt of untrusted text. */
    public static String quoteText(String s) {
        return "\"" + printable(s, 40, true) + "\"";
    }

    /**
     * Untrusted text made safe for a one-line reason (a Kubernetes condition message): control, format, separator,
     * surrogate, private-use and unassigned characters become {@code \\uXXXX}; cut at {@code max} chars with '…'.
     */
    public static String printable(String s, int max, boolean escapeQuotes) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(s.length(), max);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (escapeQuotes && (c == '"' || c == '\\')) {
                b.append('\\').append(c);
                continue;
            }
            int t = Character.getType(c);
            boolean unsafe = Character.isISOControl(c) || t == Character.LINE_SEPARATOR
                    || t == Character.PARAGRAPH_SEPARATOR || t == Character.FORMAT || t == Character.SURROGATE
                    || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
            if (unsafe) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        if (s.length() > n) b.append('…');
        return b.toString();
    }
}
