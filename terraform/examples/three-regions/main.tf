# Three regions with one cluster each. The control plane and the console run in eu-west-1-a; every cluster runs an
# agent that connects to it, and the control plane watches the Consul datacenter of every region.

module "core" {
  source = "../../modules/core"

  environment = "prod"
  regions = {
    "eu-west-1" = {
      residency_zone = "EU"
      consul_address = "https://consul.eu-west-1.example.internal:8501"
      clusters       = ["eu-west-1-a"]
    }
    "eu-central-1" = {
      residency_zone = "EU"
      consul_address = "https://consul.eu-central-1.example.internal:8501"
      clusters       = ["eu-central-1-a"]
    }
    "us-east-1" = {
      residency_zone = "US"
      consul_address = "https://consul.us-east-1.example.internal:8501"
      clusters       = ["us-east-1-a"]
    }
  }
  control_plane = {
    region         = "eu-west-1"
    api_hostname   = "securewatch.example.com"
    agent_hostname = "agents.securewatch.example.com"
  }
}

# Providers cannot be created in a loop, so each cluster gets its own pair.
provider "kubernetes" {
  alias          = "eu_west_1_a"
  config_path    = var.kubeconfig
  config_context = "eu-west-1-a"
}

provider "helm" {
  alias = "eu_west_1_a"
  kubernetes {
    config_path    = var.kubeconfig
    config_context = "eu-west-1-a"
  }
}

provider "kubernetes" {
  alias          = "eu_central_1_a"
  config_path    = var.kubeconfig
  config_context = "eu-central-1-a"
}

provider "helm" {
  alias = "eu_central_1_a"
  kubernetes {
    config_path    = var.kubeconfig
    config_context = "eu-central-1-a"
  }
}

provider "kubernetes" {
  alias          = "us_east_1_a"
  config_path    = var.kubeconfig
  config_context = "us-east-1-a"
}

provider "helm" {
  alias = "us_east_1_a"
  kubernetes {
    config_path    = var.kubeconfig
    config_context = "us-east-1-a"
  }
}

module "control_plane" {
  source = "../../modules/control-plane"
  providers = {
    kubernetes = kubernetes.eu_west_1_a
    helm       = helm.eu_west_1_a
  }

  control_plane = module.core.control_plane
  charts        = { path = "${path.root}/../../../helm" }
  database = {
    host            = var.database_host
    password_secret = "securewatch-database"
  }
  oidc = {
    realm_url                 = "https://keycloak.example.com/realms/securewatch"
    keycloak_url              = "https://keycloak.example.com"
    realm                     = "securewatch"
    console_client_secret     = "securewatch-console-oidc"
    provisioner_client_secret = "securewatch-keycloak"
  }
  # The Secrets above hold credentials, so they are created outside Terraform, in the namespace it creates here.
  create_namespace = true
}

module "agent_eu_west_1_a" {
  source = "../../modules/cluster-agent"
  providers = {
    kubernetes = kubernetes.eu_west_1_a
    helm       = helm.eu_west_1_a
  }

  agent              = module.core.agents["eu-west-1-a"]
  registration_token = var.registration_tokens["eu-west-1-a"]
  charts             = { path = "${path.root}/../../../helm" }
}

module "agent_eu_central_1_a" {
  source = "../../modules/cluster-agent"
  providers = {
    kubernetes = kubernetes.eu_central_1_a
    helm       = helm.eu_central_1_a
  }

  agent              = module.core.agents["eu-central-1-a"]
  registration_token = var.registration_tokens["eu-central-1-a"]
  charts             = { path = "${path.root}/../../../helm" }
}

module "agent_us_east_1_a" {
  source = "../../modules/cluster-agent"
  providers = {
    kubernetes = kubernetes.us_east_1_a
    helm       = helm.us_east_1_a
  }

  agent              = module.core.agents["us-east-1-a"]
  registration_token = var.registration_tokens["us-east-1-a"]
  charts             = { path = "${path.root}/../../../helm" }
}

output "api_url" {
  description = "The address of the REST API and the console."
  value       = module.control_plane.api_url
}

output "inventory" {
  description = "The regions and clusters to register through the API before the agents can connect."
  value       = module.core.inventory
}
