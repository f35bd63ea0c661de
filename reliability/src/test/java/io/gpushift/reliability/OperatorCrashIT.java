package io.gpushift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpushift.reliability.Farm.Target;
import io.gpushift.testkit.LocalCluster;
import io.gpushift.testkit.LocalClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged operator SIGKILLed at random points of shifts, and a leader killed under a standby replica: after each
 * kill a fresh process must finish the shift, nothing promised twice, no contract touched, every preempted replica
 * given its checkpoint grace, status still there. {@code -Dgpushift.faults.runs=N}, {@code -Dgpushift.faults.seed=S}.
 */
@ExtendWith(LocalClusterExtension.class)
class OperatorCrashIT {

  static final Duration CONVERGENCE_BOUND = Duration.ofSeconds(120);
  private static final String LEASE = "gpushift-operator-lock";

  @Test
  void sigkillAtRandomPointsOfShiftsLosesNothing(LocalCluster cluster, KubernetesClient client) {
    int runs = Integer.getInteger("gpushift.faults.runs", 20);
    long seed = Long.getLong("gpushift.faults.seed", System.nanoTime());
    Random random = new Random(seed);
    List<String> report = new ArrayList<>();
    int crashes = 0;
    try (Farm farm = Farm.create(cluster, client);
        Invariants invariants = Invariants.watch(client, 8, Farm.CONTRACTS)) {
      OperatorProcess operator = OperatorProcess.start(cluster.kubeconfigPath(), cluster.namespace(), "a");
      try {
        farm.awaitConverged(Target.MINING, CONVERGENCE_BOUND);
        for (int run = 1; run <= runs; run++) {
          Target target = run % 2 == 1 ? Target.AI : Target.MINING;
          farm.shiftTo(target);
          farm.awaitShiftStarted(target);
          long killAfterMs = random.nextInt(4000); // a random point of the shift, up to past the 3 s checkpoint grace
          pause(killAfterMs);
          crashes += operator.crashes();
          operator.kill();
          // Restarted in place (as kubelet restarts a crashed container): same pod name, same leader identity.
          operator = OperatorProcess.start(cluster.kubeconfigPath(), cluster.namespace(), "a");
          Duration converged = farm.awaitConverged(target, CONVERGENCE_BOUND);
          assertThat(farm.pool().getStatus()).as("pool status after run %d", run).isNotNull();
          assertThat(farm.pool().getStatus().conditions).as("pool conditions after run %d", run).isNotEmpty();
          assertThat(farm.miningPool().getStatus()).as("MiningPool status after run %d", run).isNotNull();
          report.add("run %2d  shift to %-6s  SIGKILL %4d ms into it  converged %5.1f s after the restart"
              .formatted(run, target, killAfterMs, converged.toMillis() / 1000.0));
          System.out.println(report.getLast());
        }
      } finally {
        System.out.println(operator.logTail(5));
        operator.close();
      }
      report.forEach(System.out::println);
      System.out.printf("seed %d: %d runs, %d preemptions checked, operator exits on its own %d, violations %s%n",
          seed, runs, invariants.preemptions(), crashes, invariants.violations());
      assertThat(invariants.violations()).as("seed %d", seed).isEmpty();
      assertThat(invariants.preemptions()).as("preempted replicas checked").isPositive();
    }
  }

  @Test
  void leaderKilledUnderAStandbyReplicaTheStandbyFinishesTheShift(LocalCluster cluster, KubernetesClient client) {
    try (Farm farm = Farm.create(cluster, client);
        Invariants invariants = Invariants.watch(client, 8, Farm.CONTRACTS);
        OperatorProcess a = OperatorProcess.start(cluster.kubeconfigPath(), cluster.namespace(), "replica-a");
        OperatorProcess b = OperatorProcess.start(cluster.kubeconfigPath(), cluster.namespace(), "replica-b")) {
      farm.awaitConverged(Target.MINING, CONVERGENCE_BOUND);
      String leader = holder(client);
      OperatorProcess killed = leader.equals(a.identity()) ? a : b;
      OperatorProcess standby = killed == a ? b : a;

      farm.shiftTo(Target.AI);
      farm.awaitShiftStarted(Target.AI);
      killed.kill();
      Duration converged = farm.awaitConverged(Target.AI, CONVERGENCE_BOUND);
      await("the standby holds the lease").atMost(CONVERGENCE_BOUND).until(() -> standby.identity().equals(holder(client)));
      System.out.printf("leader %s killed; %s finished the shift %.1f s later%n", killed.identity(),
          standby.identity(), converged.toMillis() / 1000.0);
      assertThat(invariants.violations()).isEmpty();
    }
  }

  private static String holder(KubernetesClient client) {
    Lease lease = client.leases().withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? "" : String.valueOf(lease.getSpec().getHolderIdentity());
  }

  /** The injection point itself, not a wait for a condition: the fault must land at a random moment. */
  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
