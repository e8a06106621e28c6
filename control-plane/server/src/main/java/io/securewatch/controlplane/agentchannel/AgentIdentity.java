package io.securewatch.controlplane.agentchannel;

/** An authenticated agent: the credential it presented and the cluster that credential belongs to. */
record AgentIdentity(String credentialId, long clusterId, String cluster) {}
