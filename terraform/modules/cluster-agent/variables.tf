variable "agent" {
  description = "One element of the core module's agents output: the agent of the cluster that this module's providers point at."
  type = object({
    cluster             = string
    region              = string
    namespace           = string
    release             = string
    registration_secret = string
    control_plane_url   = string
    consul_address      = string
  })
}

variable "registration_token" {
  description = "The one-time registration token for this cluster (POST /api/v1/clusters/{cluster}/registration-tokens). It is stored in a Secret; after the agent's first connection its own credential replaces it, so a used token may be removed from the configuration."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.registration_token) >= 16
    error_message = "registration_token looks truncated: use the whole token from POST /api/v1/clusters/{cluster}/registration-tokens."
  }
}

variable "charts" {
  description = "Where the agent chart comes from: a chart repository URL, or a local folder that holds the chart folders, and the chart version to install from a repository."
  type = object({
    repository = optional(string)
    path       = optional(string)
    version    = optional(string)
  })

  validation {
    condition     = (var.charts.repository == null) != (var.charts.path == null)
    error_message = "Set exactly one of charts.repository and charts.path."
  }
}

variable "image_tag" {
  description = "Tag of the agent image; empty for the chart's appVersion."
  type        = string
  default     = ""
}

variable "extra_values" {
  description = "Further values for the agent chart, merged over the ones this module sets, such as rbac.writeNamespaces."
  type        = any
  default     = {}
}
