package io.gpushift.chart;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;

/**
 * The API server's view of the chart's ServiceAccount: SubjectAccessReviews ask the real authorizer (RBAC) what the
 * account may do, and an impersonating client actually tries it.
 */
record ServiceAccountView(KubernetesClient admin, String namespace, String name) {

  String user() {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  /** The groups a ServiceAccount token carries, so group bindings count as they would in the pod. */
  List<String> groups() {
    return List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
  }

  boolean can(String verb, String group, String resource, String inNamespace) {
    return can(new ResourceAttributesBuilder().withVerb(verb).withGroup(group).withResource(resource)
        .withNamespace(inNamespace).build());
  }

  boolean canOnSubresource(String verb, String group, String resource, String subresource, String inNamespace) {
    return can(new ResourceAttributesBuilder().withVerb(verb).withGroup(group).withResource(resource)
        .withSubresource(subresource).withNamespace(inNamespace).build());
  }

  boolean can(ResourceAttributes attributes) {
    SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(user())
        .withGroups(groups()).withResourceAttributes(attributes).endSpec().build();
    return Boolean.TRUE.equals(
        admin.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed());
  }

  /** A client that authenticates as the admin but acts as the ServiceAccount (impersonation). */
  KubernetesClient impersonatingClient() {
    Config config = new ConfigBuilder(admin.getConfiguration()).withImpersonateUsername(user())
        .withImpersonateGroups(groups().toArray(String[]::new)).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
