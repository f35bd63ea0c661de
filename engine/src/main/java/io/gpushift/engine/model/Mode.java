package io.gpushift.engine.model;

/** Pool mode. The engine plans the same for AUTO and RECOMMEND (the operator decides whether to apply); PAUSED holds. */
public enum Mode { AUTO, RECOMMEND, PAUSED }
