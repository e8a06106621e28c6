terraform {
  # Validation rules that refer to other variables need Terraform 1.9 or later.
  required_version = ">= 1.9.0"
}
