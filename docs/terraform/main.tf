# The seed's building blocks as Terraform resources, applied against a Strongroom server:
# an organization with a backup policy on its root, a customer KMS key with an alias, two backup vaults on it,
# a daily backup plan (lifecycle, copy action), a selection by tag with its IAM role, a tagged DynamoDB table
# and a versioned S3 bucket, with S3 opted in to AWS Backup. See the README's "Terraform" section.
#
#   terraform init && terraform apply \
#     -var endpoint=http://127.0.0.1:4599 -var credentials_file=$PWD/.strongroom/credentials

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.100" }
  }
}

variable "endpoint" {
  description = "Strongroom's URL, as `./strongroom serve` prints it"
  type        = string
  default     = "http://127.0.0.1:4599"
}

variable "credentials_file" {
  description = "The shared-credentials file Strongroom writes into its data directory (the management account's root key)"
  type        = string
  default     = ".strongroom/credentials"
}

variable "profile" {
  type    = string
  default = "strongroom"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

provider "aws" {
  region                   = var.region
  shared_credentials_files = [var.credentials_file]
  profile                  = var.profile
  s3_use_path_style        = true
  skip_metadata_api_check  = true

  endpoints {
    backup        = var.endpoint
    dynamodb      = var.endpoint
    iam           = var.endpoint
    kms           = var.endpoint
    organizations = var.endpoint
    s3            = var.endpoint
    sts           = var.endpoint
  }
}

data "aws_caller_identity" "current" {}

# --- the organization and its backup policy ---------------------------------------------------------------

# CreateOrganization with all features enables service control policies on the root by itself, as AWS documents,
# so SERVICE_CONTROL_POLICY cannot be listed here (the provider's EnablePolicyType would fail: already enabled),
# and without ignore_changes every plan would propose to disable it.
resource "aws_organizations_organization" "org" {
  feature_set          = "ALL"
  enabled_policy_types = ["BACKUP_POLICY"]

  lifecycle {
    ignore_changes = [enabled_policy_types]
  }
}

resource "aws_organizations_policy" "daily_backups" {
  # Deleted before the organization is.
  depends_on = [aws_organizations_organization.org]

  name        = "daily-backups"
  description = "Daily backups of everything tagged Backup=daily-prod"
  type        = "BACKUP_POLICY"
  content = jsonencode({
    plans = {
      org-daily = {
        regions = { "@@assign" = [var.region] }
        rules = {
          daily = {
            schedule_expression = { "@@assign" = "cron(0 3 ? * * *)" }
            target_backup_vault_name = { "@@assign" = aws_backup_vault.local.name }
            lifecycle = { delete_after_days = { "@@assign" = "35" } }
          }
        }
        selections = {
          tags = {
            daily-prod = {
              iam_role_arn = { "@@assign" = "arn:aws:iam::$account:role/${aws_iam_role.backup.name}" }
              tag_key      = { "@@assign" = "Backup" }
              tag_value    = { "@@assign" = ["daily-prod"] }
            }
          }
        }
      }
    }
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.daily_backups.id
  target_id = aws_organizations_organization.org.roots[0].id
}

# --- KMS and backup vaults ----------------------------------------------------------------------------------

resource "aws_kms_key" "vault" {
  description             = "Backup vault key"
  deletion_window_in_days = 7
  enable_key_rotation     = true
  tags                    = { Purpose = "backup" }
}

resource "aws_kms_alias" "vault" {
  name          = "alias/backup-vault"
  target_key_id = aws_kms_key.vault.key_id
}

resource "aws_backup_vault" "local" {
  name        = "local-prod-vault"
  kms_key_arn = aws_kms_key.vault.arn
  tags        = { Tier = "local" }
}

resource "aws_backup_vault" "central" {
  name        = "central-copy-vault"
  kms_key_arn = aws_kms_key.vault.arn
}

# --- the backup plan, its role and its selection ---------------------------------------------------------------

resource "aws_iam_role" "backup" {
  name = "terraform-backup-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "backup.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "backup" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}

resource "aws_backup_plan" "daily" {
  name = "daily-prod"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.local.name
    schedule          = "cron(0 2 ? * * *)"
    start_window      = 60
    completion_window = 180

    lifecycle {
      delete_after = 35
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.central.arn
      lifecycle {
        delete_after = 90
      }
    }
  }

  tags = { Owner = "platform" }
}

resource "aws_backup_selection" "tagged" {
  name         = "daily-prod-tagged"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "Backup"
    value = "daily-prod"
  }

  depends_on = [aws_iam_role_policy_attachment.backup]
}

# Tag selections pick S3 buckets only once the account opts S3 in, as on AWS; the map names every resource type
# AWS Backup lists, since the provider compares the whole map. Destroy leaves the settings as they are.
resource "aws_backup_region_settings" "opt_in" {
  resource_type_opt_in_preference = {
    "Aurora"                 = true
    "CloudFormation"         = false
    "DocumentDB"             = true
    "DynamoDB"               = true
    "EBS"                    = true
    "EC2"                    = true
    "EFS"                    = true
    "EKS"                    = false
    "FSx"                    = true
    "Neptune"                = true
    "RDS"                    = true
    "Redshift"               = false
    "S3"                     = true
    "SAP HANA on Amazon EC2" = false
    "Storage Gateway"        = true
    "Timestream"             = false
    "VirtualMachine"         = true
  }
}

# --- protected resources -------------------------------------------------------------------------------------

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }
  attribute {
    name = "status"
    type = "S"
  }

  global_secondary_index {
    name            = "by-status"
    hash_key        = "status"
    range_key       = "sk"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = true
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  tags = { Backup = "daily-prod" }
}

resource "aws_s3_bucket" "documents" {
  bucket = "terraform-documents-${data.aws_caller_identity.current.account_id}"
  tags   = { Backup = "daily-prod" }
}

resource "aws_s3_bucket_versioning" "documents" {
  bucket = aws_s3_bucket.documents.id
  versioning_configuration {
    status = "Enabled"
  }
}

output "kms_key_arn" {
  value = aws_kms_key.vault.arn
}

output "backup_plan_id" {
  value = aws_backup_plan.daily.id
}

output "backup_selection_id" {
  value = aws_backup_selection.tagged.id
}

output "organization_root_id" {
  value = aws_organizations_organization.org.roots[0].id
}
