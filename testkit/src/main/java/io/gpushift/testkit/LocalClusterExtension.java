package io.gpushift.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;

/**
 * JUnit 5 extension: one real local control plane per test JVM (localcluster/, started lazily on first use) and a
 * fresh namespace per test.
 *
 * <pre>{@code
 * @ExtendWith(LocalClusterExtension.class)
 * class MyIT {
 *     @Test void works(KubernetesClient client, LocalCluster cluster) { ... } // client's default namespace = this test's
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Resolves {@link KubernetesClient} (default namespace: a namespace created for the current test, deleted after it;
 *       its ServiceAccount {@code default} exists, so pods can be created) and {@link LocalCluster}, in test methods,
 *       constructors and lifecycle methods. In {@code @BeforeAll}/per-class contexts the namespace belongs to the class.</li>
 *   <li>The control plane lives in the root store (closed after the last test) and in a JVM shutdown hook; the Go
 *       supervisor also watches this JVM's pid, so even SIGKILL of the JVM leaves no process behind.</li>
 *   <li>Binaries missing? It runs {@code localcluster/build.sh} first (a cold build takes tens of minutes).</li>
 *   <li>{@code GPUSHIFT_TEST_KUBECONFIG=/path/to/kubeconfig} runs against that existing cluster instead; nothing is started.</li>
 *   <li>If the control plane cannot start, every test using it fails with the reason; nothing is skipped.</li>
 * </ul>
 */
public class LocalClusterExtension implements ParameterResolver, TestInstantiationAwareExtension {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalClusterExtension.class);

    /** Constructor parameters resolve in the test method's context, so each test instance gets its own namespace. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == LocalCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ControlPlane cp = controlPlane(context);
        TestNamespace ns = context.getStore(NS).computeIfAbsent(TestNamespace.class,
                k -> new TestNamespace(cp, testName(context)), TestNamespace.class);
        if (parameter.getParameter().getType() == KubernetesClient.class) {
            return ns.client();
        }
        return new LocalCluster(cp, ns);
    }

    private static String testName(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.getName())
                .orElseGet(() -> context.getTestClass().map(Class::getSimpleName).orElse("test"));
    }

    /** The JVM's control plane; a failed start is remembered so that every later test fails fast with the same reason. */
    static ControlPlane controlPlane(ExtensionContext context) {
        Startup startup = context.getRoot().getStore(NS).computeIfAbsent(Startup.class, k -> Startup.run(), Startup.class);
        if (startup.failure != null) {
            throw new ParameterResolutionException("The local Kubernetes control plane is not available: " + startup.failure.getMessage(),
                    startup.failure);
        }
        return startup.controlPlane;
    }

    /** Outcome of the one start attempt; closing it (end of the root context) stops the control plane. */
    static final class Startup implements AutoCloseable {
        final ControlPlane controlPlane;
        final RuntimeException failure;

        private Startup(ControlPlane controlPlane, RuntimeException failure) {
            this.controlPlane = controlPlane;
            this.failure = failure;
        }

        static Startup run() {
            try {
                return new Startup(ControlPlane.startOrConnect(), null);
            } catch (RuntimeException e) {
                return new Startup(null, e);
            }
        }

        @Override
        public void close() {
            if (controlPlane != null) {
                controlPlane.close();
            }
        }
    }
}
