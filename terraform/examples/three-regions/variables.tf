variable "kubeconfig" {
  description = "Path of the kubeconfig file with one context per cluster, named after the cluster."
  type        = string
  default     = "~/.kube/config"
}

variable "registration_tokens" {
  description = "One registration token per cluster, by cluster name, from POST /api/v1/clusters/{cluster}/registration-tokens."
  type        = map(string)
  sensitive   = true
}

variable "database_host" {
  description = "Host name of the control plane's PostgreSQL, reachable from eu-west-1-a."
  type        = string
}
