package io.gpushift.cli.backtest;

import io.gpushift.api.translate.FeedLookup;
import io.gpushift.api.v1alpha1.FeedRef;
import io.gpushift.engine.model.MarketValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A market history: a CSV whose first non-comment line names the columns, {@code time} first (ISO-8601 instant or
 * date, ascending), then one column per feed value the manifests reference, named {@code <feed>.<field>} (or just
 * {@code <feed>} for a feed without field). Lines starting with {@code #} are comments (sources). Every value must be
 * a finite number ≥ 0; a bad cell is an error naming its line, row and column.
 *
 * <p>Rows need not be regular: the value at a time is the latest row at or before it (flat carry-forward), so a daily
 * series can carry hourly rows on the days that need them (a price spike).
 */
public final class MarketSeries {
    private final String source;
    private final List<String> columns;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final Instant[] times;
    private final double[][] values;

    public MarketSeries(String source, List<String> columns, Instant[] times, double[][] values) {
        this.source = source;
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
        this.times = times;
        this.values = values;
    }

    /** Raised for a malformed history; the message names file, line, row and column. */
    public static final class BadSeries extends IOException {
        public BadSeries(String message) {
            super(message);
        }
    }

    public static MarketSeries read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file));
    }

    public static MarketSeries parse(String source, List<String> lines) throws BadSeries {
        List<String> header = null;
        List<Instant> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) cells[i] = cells[i].strip();
            String where = source + " line " + (ln + 1);
            if (header == null) {
                header = Arrays.asList(cells);
                if (!header.getFirst().equals("time")) {
                    throw new BadSeries(where + ": the first column must be 'time', found '" + header.getFirst() + "'");
                }
                for (int i = 1; i < cells.length; i++) {
                    if (cells[i].isEmpty()) throw new BadSeries(where + ": column " + (i + 1) + " has no name");
                    if (header.subList(0, i).contains(cells[i])) {
                        throw new BadSeries(where + ": column '" + cells[i] + "' appears twice");
                    }
                }
                continue;
            }
            int row = times.size() + 1;
            where = where + " (row " + row + ")";
            if (cells.length != header.size()) {
                throw new BadSeries(where + ": " + cells.length + " cells, the header names " + header.size()
                        + " columns" + (cells.length < header.size() ? " (missing column '" + header.get(cells.length)
                        + "')" : ""));
            }
            Instant t = parseTime(cells[0], where);
            if (!times.isEmpty() && !t.isAfter(times.getLast())) {
                throw new BadSeries(where + ", column 'time': " + cells[0] + " is not after the previous row's "
                        + times.getLast() + " (rows must be in ascending time order)");
            }
            double[] v = new double[header.size() - 1];
            for (int c = 1; c < cells.length; c++) {
                String col = "column '" + header.get(c) + "'";
                if (cells[c].isEmpty()) throw new BadSeries(where + ", " + col + ": empty value");
                double d;
                try {
                    d = Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new BadSeries(where + ", " + col + ": '" + cells[c] + "' is not a number");
                }
                if (!Double.isFinite(d)) throw new BadSeries(where + ", " + col + ": '" + cells[c] + "' is not finite");
                if (d < 0) throw new BadSeries(where + ", " + col + ": " + cells[c] + " is negative (prices, rates "
                        + "and hashrates must be ≥ 0)");
                v[c - 1] = d;
            }
            times.add(t);
            rows.add(v);
        }
        if (header == null) throw new BadSeries(source + ": no header line (expected 'time,<feed>.<field>,...')");
        if (times.isEmpty()) throw new BadSeries(source + ": no data rows");
        return new MarketSeries(source, header.subList(1, header.size()), times.toArray(Instant[]::new),
                rows.toArray(double[][]::new));
    }

    private static Instant parseTime(String cell, String where) throws BadSeries {
        try {
            if (cell.length() == 10) return java.time.LocalDate.parse(cell).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            return Instant.parse(cell);
        } catch (DateTimeParseException e) {
            throw new BadSeries(where + ", column 'time': '" + cell + "' is not an ISO-8601 instant "
                    + "(2024-01-01T00:00:00Z) or date (2024-01-01)");
        }
    }

    public String source() {
        return source;
    }

    public List<String> columns() {
        return columns;
    }

    public Instant first() {
        return times[0];
    }

    public Instant last() {
        return times[times.length - 1];
    }

    public int size() {
        return times.length;
    }

    /** Index of the row in force at {@code t} (latest at or before it); 0 before the first row. */
    public int rowAt(Instant t) {
        int i = Arrays.binarySearch(times, t);
        if (i >= 0) return i;
        return Math.max(0, -i - 2);
    }

    public double[] row(int i) {
        return values[i];
    }

    public Instant time(int i) {
        return times[i];
    }

    /** The column a feed reference reads: {@code name.field}, or {@code name} when the reference has no field. */
    public static String column(FeedRef ref) {
        return ref.field == null || ref.field.isEmpty() ? ref.name : ref.name + "." + ref.field;
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    /** Feed lookup answering from row {@code i}: every value fresh, observed at the row's time. */
    public FeedLookup lookup(int i) {
        return ref -> {
            Integer c = index.get(column(ref));
            if (c == null) {
                return FeedLookup.Resolution.unavailable(null, "no column '" + column(ref) + "' in " + source);
            }
            return FeedLookup.Resolution.fresh(new MarketValue(values[i][c], "backtest " + column(ref), times[i]));
        };
    }
}
