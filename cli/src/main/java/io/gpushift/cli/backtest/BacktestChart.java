package io.gpushift.cli.backtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.TimeTableXYDataset;

/**
 * The backtest chart (JFreeChart): top, the GPUs the gpushift policy gives each option over time (stacked); middle,
 * cumulative profit of every policy; bottom, each policy's cumulative profit minus hindsight's (always-mine left out). At most ~1,500 points per series (evenly sampled steps). {@code .png} writes the
 * image; {@code .html} a self-contained page with the image inlined and the result table.
 */
public final class BacktestChart {
    private BacktestChart() {
    }

    public static void write(Backtest.Result r, BacktestReport report, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = chart(r);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, 1400, 1200);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".png")) {
            Files.write(file, png.toByteArray());
        } else if (name.endsWith(".html") || name.endsWith(".htm")) {
            String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>GPUShift backtest</title></head>"
                    + "<body style=\"font-family:sans-serif\"><h1>GPUShift backtest</h1><pre>"
                    + report.toTable().replace("&", "&amp;").replace("<", "&lt;") + "</pre><img alt=\"backtest chart\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"></body></html>\n";
            Files.writeString(file, html);
        } else {
            throw new IOException("--chart " + file + ": the name must end in .png or .html");
        }
    }

    static JFreeChart chart(Backtest.Result r) {
        int S = r.stepTimes().length;
        int every = Math.max(1, S / 1500);
        Backtest.PolicyResult gs = r.policy("gpushift");
        TimeTableXYDataset alloc = new TimeTableXYDataset();
        List<String> options = r.options();
        for (int s = 0; s < S; s += every) {
            FixedMillisecond at = new FixedMillisecond(Date.from(r.stepTimes()[s]));
            for (int o = options.size() - 1; o >= 0; o--) alloc.add(at, gs.gpusPerOption()[s][o], options.get(o));
        }
        StackedXYAreaRenderer2 area = new StackedXYAreaRenderer2();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(options.size() - 1 - i).equals(Backtest.IDLE)) area.setSeriesPaint(i, new Color(200, 200, 200));
        }
        XYPlot top = new XYPlot(alloc, null, new NumberAxis("gpushift: GPUs per option"), area);

        TimeSeriesCollection profit = new TimeSeriesCollection();
        for (Backtest.PolicyResult p : r.policies()) {
            TimeSeries ts = new TimeSeries(p.name() + (p.name().equals("hindsight") && !r.hindsightExact() ? " (bound)" : ""));
            for (int s = 0; s < S; s += every) {
                ts.add(new FixedMillisecond(Date.from(r.stepTimes()[s])), p.cumulativeProfitUsd()[s]);
            }
            int last = S - 1;
            if (last % every != 0) ts.addOrUpdate(new FixedMillisecond(Date.from(r.stepTimes()[last])), p.cumulativeProfitUsd()[last]);
            profit.addSeries(ts);
        }
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < r.policies().size(); i++) lines.setSeriesStroke(i, new BasicStroke(2f));
        XYPlot bottom = new XYPlot(profit, null, new NumberAxis("cumulative profit, USD"), lines);

        // The totals of good policies differ by a few percent: show each one's shortfall against hindsight too.
        double[] best = r.policy("hindsight").cumulativeProfitUsd();
        TimeSeriesCollection gap = new TimeSeriesCollection();
        for (Backtest.PolicyResult p : r.policies()) {
            if (p.name().equals("hindsight") || p.name().equals("always-mine")) continue;
            TimeSeries ts = new TimeSeries(p.name() + " − hindsight");
            for (int s = 0; s < S; s += every) {
                ts.add(new FixedMillisecond(Date.from(r.stepTimes()[s])), p.cumulativeProfitUsd()[s] - best[s]);
            }
            gap.addSeries(ts);
        }
        XYLineAndShapeRenderer gapLines = new XYLineAndShapeRenderer(true, false);
        Color[] policyColors = {new Color(0, 90, 200), new Color(200, 0, 160), new Color(0, 150, 60),
                new Color(230, 120, 0), Color.BLACK};
        for (int i = 0; i < r.policies().size(); i++) lines.setSeriesPaint(i, policyColors[i % policyColors.length]);
        int g = 0;
        for (int i = 0; i < r.policies().size(); i++) {
            String n = r.policies().get(i).name();
            if (n.equals("hindsight") || n.equals("always-mine")) continue;
            gapLines.setSeriesPaint(g, policyColors[i % policyColors.length]);
            gapLines.setSeriesStroke(g++, new BasicStroke(2f));
        }
        XYPlot third = new XYPlot(gap, null, new NumberAxis("cumulative profit − hindsight, USD"), gapLines);

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new DateAxis("time (UTC)"));
        plot.add(top, 1);
        plot.add(bottom, 1);
        plot.add(third, 1);
        plot.setGap(12);
        JFreeChart chart = new JFreeChart("GPUShift backtest: allocation and cumulative profit", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
