/**
 * Checklist items no scan can see from outside. Each becomes a not-applicable INT case
 * naming the evidence an auditor should collect, so the JUnit file covers the whole checklist.
 */
export interface InternalControl {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly collect: string;
}

export const INTERNAL_CONTROLS: readonly InternalControl[] = [
  {
    id: 'INT-01',
    title: 'IAM least privilege for the Magento roles',
    source: 'AWS IAM',
    collect: 'the EC2 instance role\'s IAM policies, showing no "Action": "*" or "Resource": "*" without documented compensating controls',
  },
  {
    id: 'INT-02',
    title: 'CloudTrail enabled in every region',
    source: 'Logging and Monitoring (CloudTrail)',
    collect: 'the trail configuration (multi-region, management events, log file validation) and its retention',
  },
  {
    id: 'INT-03',
    title: 'VPC Flow Logs enabled',
    source: 'Logging and Monitoring (VPC Flow Logs)',
    collect: 'flow log settings for the web and database subnets and the restricted bucket they go to',
  },
  {
    id: 'INT-04',
    title: 'Database in a private subnet, reachable only from the web tier',
    source: 'Database Security',
    collect: "the RDS subnet group (private subnets) and its security group's inbound rules (only the web server security group on 3306)",
  },
  {
    id: 'INT-05',
    title: 'Database credentials from Secrets Manager or Parameter Store',
    source: 'Database Security',
    collect: 'app/etc/env.php reviewed for hard-coded credentials, and the IAM permission that reads the secret',
  },
  {
    id: 'INT-06',
    title: 'File permissions and ownership',
    source: 'File Permissions and Ownership',
    collect: 'ownership and modes of the Magento tree (755 directories, 644 files, env.php and config.php not world-writable)',
  },
  {
    id: 'INT-07',
    title: 'Admin MFA and strong admin passwords',
    source: 'Admin Panel Access Control',
    collect: 'Magento 2FA configuration and the admin user list with password policy settings',
  },
  {
    id: 'INT-08',
    title: 'Patching process for Magento and extensions',
    source: 'Regular Patching',
    collect: 'the documented patch process and the history of applied security patches',
  },
  {
    id: 'INT-09',
    title: 'Backups configured and restores tested',
    source: 'Backup and Disaster Recovery',
    collect: 'AWS Backup plans or RDS snapshot retention, EBS snapshots, and the record of the last restore test',
  },
  {
    id: 'INT-10',
    title: 'S3 versioning on the media bucket',
    source: 'Backup and Disaster Recovery (S3 Versioning)',
    collect: "the media bucket's versioning status",
  },
  {
    id: 'INT-11',
    title: 'Magento and web server logs enabled and shipped',
    source: 'Magento Application Logs',
    collect: 'log settings (Stores > Configuration > Advanced > Developer) and the CloudWatch/central log shipping configuration',
  },
];
