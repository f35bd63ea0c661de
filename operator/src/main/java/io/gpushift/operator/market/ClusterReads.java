package io.gpushift.operator.market;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The two reads a feed may need, with the operator's client: a Secret key (API keys; only in the namespaces the chart
 * grants, {@code gpushift.secret-namespaces}) and a ConfigMap's data (in the feed's namespace, which is watched).
 */
public final class ClusterReads implements FeedSpecs.Reads {

  private final KubernetesClient client;
  private final Set<String> secretNamespaces;

  /** @param secretNamespaces where Secrets may be read; empty = wherever RBAC allows (e.g. outside the chart) */
  public ClusterReads(KubernetesClient client, Set<String> secretNamespaces) {
    this.client = client;
    this.secretNamespaces = secretNamespaces;
  }

  @Override
  public String secret(String namespace, String name, String key) throws FeedConfigException {
    if (!secretNamespaces.isEmpty() && !secretNamespaces.contains(namespace)) {
      throw new FeedConfigException("SecretNotAllowed", "spec.apiKey.secretKeyRef: namespace " + namespace
          + " is not one where the operator may read Secrets (Helm value secretNamespaces: " + secretNamespaces + ")");
    }
    Secret s;
    try {
      s = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw new FeedConfigException("SecretUnreadable", "spec.apiKey.secretKeyRef: cannot read Secret " + namespace
          + "/" + name + ": HTTP " + e.getCode());
    }
    if (s == null) {
      throw new FeedConfigException("SecretNotFound", "spec.apiKey.secretKeyRef: Secret " + namespace + "/" + name
          + " not found");
    }
    if (s.getData() != null && s.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8).trim();
    }
    if (s.getStringData() != null && s.getStringData().get(key) != null) {
      return s.getStringData().get(key).trim();
    }
    throw new FeedConfigException("SecretNotFound", "spec.apiKey.secretKeyRef: Secret " + namespace + "/" + name
        + " has no key " + key);
  }

  @Override
  public Map<String, String> configMap(String namespace, String name) throws FeedConfigException {
    ConfigMap cm;
    try {
      cm = client.configMaps().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw new FeedConfigException("ConfigMapUnreadable", "spec.configMap: cannot read ConfigMap " + namespace + "/"
          + name + ": HTTP " + e.getCode());
    }
    if (cm == null) {
      throw new FeedConfigException("ConfigMapNotFound", "spec.configMap: ConfigMap " + namespace + "/" + name
          + " not found");
    }
    return cm.getData() == null ? Map.of() : cm.getData();
  }
}
