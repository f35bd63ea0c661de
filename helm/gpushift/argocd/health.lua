-- Argo CD health check for gpushift.io GPUNodePool, MiningPool, AIWorkload and MarketFeed.
-- Reads the metav1.Condition-shaped "Ready" condition the operator writes; a condition
-- computed for an older generation means the operator has not caught up yet.
hs = {}
hs.status = "Progressing"
hs.message = "Waiting for the GPUShift operator to report Ready"
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local generation = obj.metadata.generation
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Ready" then
    if generation ~= nil and condition.observedGeneration ~= nil and condition.observedGeneration < generation then
      hs.message = "Ready condition is for generation " .. condition.observedGeneration .. ", spec is at " .. generation
      return hs
    end
    hs.message = (condition.reason or "") .. ": " .. (condition.message or "")
    if condition.status == "True" then
      hs.status = "Healthy"
    elseif condition.status == "False" then
      hs.status = "Degraded"
    end
    return hs
  end
end
return hs
