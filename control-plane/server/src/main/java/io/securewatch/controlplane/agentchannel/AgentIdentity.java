package io.securewatch.controlplane.agentchannel;

/**
 * An authenticated agent: the credential it presented and the cluster that credential belongs to.
 *
 * @param rotationRequested whether an operator asked to rotate this credential; an agent that was away when
 *     the request was made receives it when it connects
 */
record AgentIdentity(String credentialId, long clusterId, String cluster, boolean rotationRequested) {}
