package io.gpushift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** RSS and CPU time of a process from /proc, plus a sampler that keeps the peak RSS of the current phase. */
final class Proc implements AutoCloseable {

  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private final long pid;
  private final AtomicLong peakKb = new AtomicLong();
  private final Thread sampler;

  Proc(long pid) {
    this.pid = pid;
    sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peakKb.accumulateAndGet(rssKb(), Math::max);
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  /** Peak RSS since the last call, in MB; restarts the peak from the current RSS. */
  double takePeakMb() {
    return peakKb.getAndSet(rssKb()) / 1024.0;
  }

  long rssKb() {
    return statusKb("VmRSS:");
  }

  long hwmKb() {
    return statusKb("VmHWM:");
  }

  private long statusKb(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0; // the process is gone
    }
    return 0;
  }

  /** User + system CPU seconds so far (fields 14 and 15 of /proc/PID/stat, after the command in parentheses). */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    sampler.interrupt();
  }
}
