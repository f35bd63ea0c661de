package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret in the same namespace as the object that refers to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @Size(max = 253)
  @JsonPropertyDescription("Name of the Secret, in the same namespace.")
  public String name;

  @Required
  @Pattern(Patterns.SECRET_KEY)
  @Size(max = 253)
  @JsonPropertyDescription("Key within the Secret's data.")
  public String key;
}
