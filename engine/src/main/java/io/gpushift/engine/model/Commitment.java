package io.gpushift.engine.model;

/** GUARANTEED: a contract, its minimum replicas come first and its running replicas are never preempted for profit. */
public enum Commitment { GUARANTEED, PREEMPTIBLE }
