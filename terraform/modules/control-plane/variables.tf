variable "control_plane" {
  description = "The control_plane output of the core module."
  type = object({
    region    = string
    cluster   = string
    namespace = string
    release   = string
    console   = string
    replicas  = number
    api_url   = string
    api_host  = string
    agent_url = string
    catalog = object({
      consul_addresses = map(string)
      register_in      = string
    })
    leadership = object({
      lease_time     = string
      renew_interval = string
    })
  })
}

variable "charts" {
  description = "Where the charts come from: a chart repository URL, or a local folder that holds the chart folders (such as the repository's helm folder), and the chart version to install from a repository."
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
  description = "Tag of the control-plane and console images; empty for the charts' appVersion."
  type        = string
  default     = ""
}

variable "database" {
  description = "The control plane's PostgreSQL database, and the existing Secret (in the control plane's namespace) that holds its password under the key password."
  type = object({
    host            = string
    port            = optional(number, 5432)
    name            = optional(string, "securewatch")
    username        = optional(string, "securewatch")
    password_secret = string
  })
}

variable "oidc" {
  description = "The Keycloak realm that signs users in, and the existing Secrets with the console's OIDC client secret and the provisioning client's secret, each under the key client-secret."
  type = object({
    realm_url                 = string
    keycloak_url              = string
    realm                     = string
    console_client_secret     = string
    provisioner_client_secret = string
  })
}

variable "create_namespace" {
  description = "Whether this module creates the control plane's namespace; false when it exists already."
  type        = bool
  default     = true
}

variable "extra_values" {
  description = "Further values for the control-plane chart, merged over the ones this module sets, such as resources or the ServiceMonitor."
  type        = any
  default     = {}
}

variable "console_extra_values" {
  description = "Further values for the console chart, merged over the ones this module sets."
  type        = any
  default     = {}
}
