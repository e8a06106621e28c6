output "cluster" {
  description = "The cluster whose agent this module installed."
  value       = var.agent.cluster
}

output "release_status" {
  description = "The status of the agent's release."
  value       = helm_release.agent.status
}
