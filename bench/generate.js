/**
 * Synthetic incident records for the benchmark: realistic, varied postmortems
 * shaped exactly like the record schema (`src/record/schema.ts`), as plain
 * objects with snake_case keys and string timestamps. Plain ESM JavaScript so
 * the benchmark runs without a build step.
 *
 * Deterministic: the same seed gives the same records, in the same order.
 *
 *   const random = makeRandom(42);
 *   const incidents = Array.from({ length: 10_000 }, (_, i) => generateIncident(i, random));
 */

/**
 * A small seeded PRNG (mulberry32): returns a function giving floats in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function makeRandom(seed) {
  let state = seed >>> 0;
  return function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------
// Vocabulary

const SERVICES = [
  'api-gateway',
  'auth-service',
  'checkout-api',
  'payments-gateway',
  'billing-service',
  'ledger-service',
  'order-service',
  'cart-service',
  'inventory-api',
  'catalog-api',
  'pricing-engine',
  'search-indexer',
  'recommendation-engine',
  'notification-worker',
  'email-dispatcher',
  'webhooks-relay',
  'user-profile',
  'identity-provider',
  'session-store',
  'feature-flags',
  'media-transcoder',
  'cdn-edge',
  'shipping-tracker',
  'fraud-detector',
  'analytics-pipeline',
  'reporting-service',
  'geo-service',
  'chat-backend',
  'scheduler',
  'mobile-bff',
];
const ENVIRONMENTS = ['production', 'production', 'production', 'production', 'staging', 'eu-production', 'us-production'];
const AUTHORS = [
  'Amara Okafor',
  'Bjørn Halvorsen',
  'Chen Wei',
  'Dana Whitfield',
  'Elif Yılmaz',
  'Farid Haddad',
  'Greta Lindqvist',
  'Hiro Tanaka',
  'Isabel Moreno',
  'Jonas Becker',
  'Kavya Raman',
  'Luca Romano',
  'Maya Cohen',
  'Nikolai Petrov',
  'Olivia Grant',
  'Priya Nair',
  'Rafael Souza',
  'Sofia Marquez',
  'Tomás Oliveira',
  'Uma Sato',
  'SRE on-call',
  'Platform team',
];
const OWNERS = ['@amara', '@bjorn', '@chen', '@dana', '@elif', '@farid', '@greta', '@hiro', '@kavya', '@luca', 'platform-team', 'sre', 'db-team'];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-east-2', 'us-west-2', 'ap-southeast-1', 'ap-northeast-1'];
const TABLES = [
  'habit_completions',
  'orders',
  'payment_intents',
  'user_sessions',
  'audit_events',
  'invoices',
  'carts',
  'shipments',
  'feature_toggles',
  'ledger_entries',
];
const DATABASES = ['orders-db', 'billing-db', 'users-db', 'catalog-db', 'ledger-db', 'events-db'];
const QUEUES = ['order-events', 'email-outbox', 'payment-callbacks', 'search-updates', 'audit-log', 'webhook-deliveries'];
const FLAGS = ['new-checkout-flow', 'async-invoicing', 'v2-search-ranking', 'strict-session-binding', 'batch-webhooks', 'edge-caching'];
const DEPENDENCIES = [
  ['axios', '1.6.8', '1.7.2'],
  ['sqlalchemy', '1.4.52', '2.0.29'],
  ['pg', '8.11.3', '8.12.0'],
  ['ioredis', '5.3.2', '5.4.1'],
  ['grpc-js', '1.9.14', '1.10.6'],
  ['openssl', '3.0.13', '3.2.1'],
  ['node', '18.19.1', '20.12.2'],
  ['kafkajs', '2.2.3', '2.2.4'],
  ['protobuf', '4.25.3', '5.26.1'],
];
const LEVELS = ['error', 'error', 'error', 'warn', 'warn', 'info', 'fatal', 'critical'];
const OFFSETS = [0, 0, 0, 0, 60, 120, -300, -240, -420, 330, 540, 600];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV4', 'SEV4'];
const STATUSES = ['published', 'published', 'published', 'published', 'in-review', 'draft'];

/**
 * Incident archetypes. Phrases hold placeholders filled per incident:
 * {svc} {svc2} {db} {table} {queue} {flag} {region} {n} {pct} {port} {dep} {from} {to} {mig} {host}.
 */
const ARCHETYPES = [
  {
    slug: 'duplicate-table',
    logSources: ['alembic', 'app', 'railway'],
    tags: ['migration', 'postgres', 'deploy'],
    titles: ['{svc} crashed on deploy: migration {mig} failed with DuplicateTable', 'Startup migration {mig} crashed {svc}'],
    errors: [
      'psycopg2.errors.DuplicateTable: relation "{table}" already exists',
      "alembic.util.exc.CommandError: Can't locate revision identified by '{mig}'",
      'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateTable) relation "ix_{table}_user_id" already exists',
    ],
    triggers: [
      'A deploy of {svc} ran `alembic upgrade head` on startup and migration {mig} failed.',
      'Release {to} ran pending migrations on boot; the first one failed and the container exited with code 1.',
    ],
    factors: [
      'Migration {mig} was not idempotent: it created `{table}` unconditionally.',
      'The table `{table}` had been created by hand in {env} during an earlier hotfix.',
      'Migrations run on application startup, so a failing migration takes the service down.',
      'No staging database mirrors the production schema, so the conflict was not caught before release.',
    ],
    solutions: [
      'Made migration {mig} idempotent by checking `inspector.get_table_names()` before creating `{table}` and its indexes.',
      'Stamped the database at revision {mig} with `alembic stamp {mig}` and redeployed.',
    ],
    lessons: [
      'Migrations must be idempotent; never assume a clean database.',
      'Manual schema changes in production drift from the migration history.',
      'Running migrations at boot couples deploy health to schema state.',
    ],
    actions: [
      ['Add a migration dry-run against a production snapshot to CI', 'prevent'],
      ['Audit existing migrations for idempotency', 'prevent'],
      ['Alert when a deploy crash-loops more than 3 times', 'detect'],
    ],
    files: ['alembic/versions/{mig}_add_{table}.py', 'start.sh', 'alembic/env.py'],
    lang: 'python',
    patch: [
      ['    op.create_table("{table}", *columns)'],
      [
        '    if "{table}" not in inspect(op.get_bind()).get_table_names():',
        '        op.create_table("{table}", *columns)',
        '    else:',
        '        print("⚠️  Table \'{table}\' already exists, skipping creation")',
      ],
    ],
    env: ['DATABASE_URL', 'ALEMBIC_CONFIG', 'RUN_MIGRATIONS'],
  },
  {
    slug: 'pool-exhaustion',
    logSources: ['app', 'postgres'],
    tags: ['database', 'connection-pool', 'latency'],
    titles: ['{svc} timeouts: database connection pool exhausted', 'Checkout latency spike from {db} connection pool exhaustion'],
    errors: [
      'sqlalchemy.exc.TimeoutError: QueuePool limit of size {n} overflow 10 reached, connection timed out, timeout 30',
      'Error: timeout exceeded when trying to connect (pg-pool, {n} clients busy)',
      'FATAL: remaining connection slots are reserved for non-replication superuser connections',
    ],
    triggers: ['A marketing campaign tripled traffic to {svc} within ten minutes.', 'A slow query on `{table}` held connections for up to 40 s each.'],
    factors: [
      'Pool size ({n}) was sized for average, not peak, traffic.',
      'A missing index on `{table}.created_at` made the report query scan the table.',
      'Retries in {svc2} multiplied the load on {db} during the slowdown.',
      'Connection leak: a code path in {svc} did not release connections on error.',
    ],
    solutions: [
      'Raised the pool size to {n2}, added the missing index on `{table}` and capped retries in {svc2} with jittered backoff.',
      'Killed the long-running queries, rolled back {svc} to {from} and added a statement timeout of 5 s.',
    ],
    lessons: [
      'Pool saturation shows up as latency long before errors.',
      'Retries without backoff turn a slowdown into an outage.',
      'Query plans change when tables grow; review them periodically.',
    ],
    actions: [
      ['Add a dashboard panel for pool wait time per service', 'detect'],
      ['Set `statement_timeout` on all application roles', 'prevent'],
      ['Load-test {svc} at 3x peak before campaigns', 'process'],
    ],
    files: ['src/db/pool.ts', 'config/database.yml', 'migrations/20240311_add_index_{table}.sql'],
    lang: 'typescript',
    patch: [
      ['  max: {n},', '  idleTimeoutMillis: 0,'],
      ['  max: {n2},', '  idleTimeoutMillis: 30_000,', '  statement_timeout: 5_000,'],
    ],
    env: ['DATABASE_URL', 'DB_POOL_SIZE', 'DB_STATEMENT_TIMEOUT_MS'],
  },
  {
    slug: 'cert-expired',
    logSources: ['app', 'nginx', 'envoy'],
    tags: ['tls', 'certificates', 'expiry'],
    titles: ['TLS certificate for {host} expired', 'Clients rejected {svc}: expired certificate'],
    errors: [
      'x509: certificate has expired or is not yet valid: current time {now} is after {expiry}',
      'SSL routines:tls_process_server_certificate:certificate verify failed',
      'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: CertificateExpiredException',
    ],
    triggers: [
      'The certificate for {host} reached its expiry date at midnight UTC.',
      'cert-manager could not renew the certificate because the DNS-01 challenge failed.',
    ],
    factors: [
      'Renewal depended on a DNS API token that had been rotated without updating cert-manager.',
      'Expiry alerts went to a mailing list nobody reads.',
      'The certificate was installed by hand two years ago and lived outside automation.',
    ],
    solutions: [
      'Issued a new certificate manually, then fixed the DNS token in the cert-manager secret and verified automatic renewal.',
      'Moved {host} to the managed load balancer certificate and deleted the hand-installed one.',
    ],
    lessons: ['Anything renewed once a year will be forgotten.', 'Alerts need an owner and a route to the on-call pager.'],
    actions: [
      ['Alert 21 days before any certificate expires, routed to on-call', 'detect'],
      ['Inventory all certificates outside cert-manager', 'process'],
      ['Migrate remaining hand-installed certificates to automation', 'prevent'],
    ],
    files: ['k8s/cert-manager/issuer.yaml', 'terraform/dns.tf'],
    lang: 'yaml',
    patch: [
      ['      apiTokenSecretRef:', '        name: cloudflare-token-old'],
      ['      apiTokenSecretRef:', '        name: cloudflare-token', '        key: api-token'],
    ],
    env: ['CF_API_TOKEN', 'ACME_EMAIL'],
  },
  {
    slug: 'bad-feature-flag',
    logSources: ['app', 'sentry'],
    tags: ['feature-flag', 'config', 'rollout'],
    titles: ['Enabling {flag} broke {svc} for {pct}% of users', '{flag} rollout caused 500s on {svc}'],
    errors: [
      "TypeError: Cannot read properties of undefined (reading 'currency')",
      "KeyError: '{flag}' in FEATURE_DEFAULTS",
      'panic: runtime error: invalid memory address or nil pointer dereference',
    ],
    triggers: ['{flag} was switched from 5% to 100% in one step.', 'A config push enabled {flag} in {env} instead of staging.'],
    factors: [
      'The flag path had no test for accounts without a billing address.',
      'The flag console allows a jump to 100% without a staged rollout.',
      'Error-rate alerts are evaluated over 15 minutes, too slow for a flag flip.',
    ],
    solutions: ['Turned {flag} off, then fixed the null check and re-enabled it at 5% with automatic rollback on error rate.'],
    lessons: ['A flag flip is a deploy and needs the same guard rails.', 'Default-off flags still need tests for both branches.'],
    actions: [
      ['Enforce staged rollouts (5/25/50/100) in the flag console', 'prevent'],
      ['Auto-disable a flag when error rate doubles', 'mitigate'],
      ['Add both-branch tests for flags in {svc}', 'prevent'],
    ],
    files: ['src/checkout/summary.ts', 'config/flags.json', 'src/flags/defaults.ts'],
    lang: 'typescript',
    patch: [['  const currency = account.billing.currency;'], ['  const currency = account.billing?.currency ?? DEFAULT_CURRENCY;']],
    env: ['FLAGS_API_KEY', 'FLAGS_ENV'],
  },
  {
    slug: 'oom-killed',
    logSources: ['kubelet', 'app'],
    tags: ['memory', 'kubernetes', 'oom'],
    titles: ['{svc} pods OOMKilled in a crash loop', 'Memory leak in {svc} after release {to}'],
    errors: [
      'OOMKilled: container {svc} exceeded memory limit 512Mi',
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      'Back-off restarting failed container {svc} in pod {svc}-7d9f8b6c4-x2k9q',
    ],
    triggers: ['Release {to} added an unbounded in-process cache.', 'A tenant uploaded a 2 GB export that {svc} buffered in memory.'],
    factors: [
      'The cache in {svc} had no size limit or TTL.',
      "Memory limits were last tuned for a traffic level half of today's.",
      'Readiness probes passed while the process was swapping, so traffic kept flowing to dying pods.',
    ],
    solutions: ['Rolled back to {from}, bounded the cache to 10,000 entries with LRU eviction and streamed uploads instead of buffering.'],
    lessons: ['Every cache needs a bound.', 'Memory regressions show in canaries if anyone looks at memory.'],
    actions: [
      ['Add memory-growth check to the canary analysis', 'detect'],
      ['Stream uploads in {svc}', 'prevent'],
      ['Review memory limits of the top 10 services', 'process'],
    ],
    files: ['src/cache/lru.ts', 'helm/{svc}/values.yaml'],
    lang: 'yaml',
    patch: [
      ['  resources:', '    limits:', '      memory: 512Mi'],
      ['  resources:', '    limits:', '      memory: 1Gi', '    requests:', '      memory: 768Mi'],
    ],
    env: ['CACHE_MAX_ENTRIES', 'NODE_OPTIONS'],
  },
  {
    slug: 'dns-failure',
    logSources: ['coredns', 'app'],
    tags: ['dns', 'network', 'kubernetes'],
    titles: ['Intermittent DNS resolution failures in {region}', '{svc} could not resolve {db}'],
    errors: [
      'getaddrinfo ENOTFOUND {db}.internal',
      'dial tcp: lookup {svc2}.svc.cluster.local on 10.100.0.10:53: i/o timeout',
      'CoreDNS: [ERROR] plugin/errors: 2 {db}.internal. A: read udp 10.0.3.17:53: i/o timeout',
    ],
    triggers: ['A CoreDNS upgrade changed the default cache settings.', 'The conntrack table on nodes filled up under UDP DNS traffic.'],
    factors: [
      'Only two CoreDNS replicas served a cluster of 140 nodes.',
      'Services resolve names on every request instead of caching.',
      '`ndots:5` multiplied each lookup by five search domains.',
    ],
    solutions: ['Scaled CoreDNS to 6 replicas, enabled NodeLocal DNSCache and set `ndots:2` on the busiest deployments.'],
    lessons: ['DNS is a dependency of everything and deserves its own dashboards.', 'Cluster add-on upgrades need the same review as application changes.'],
    actions: [
      ['Deploy NodeLocal DNSCache on all clusters', 'prevent'],
      ['Alert on CoreDNS SERVFAIL rate', 'detect'],
      ['Document DNS settings for service owners', 'process'],
    ],
    files: ['k8s/kube-system/coredns.yaml', 'terraform/eks/addons.tf'],
    lang: 'hcl',
    patch: [
      ['  addon_version = "v1.11.1-eksbuild.4"'],
      ['  addon_version = "v1.10.1-eksbuild.7"', '  configuration_values = jsonencode({ replicaCount = 6 })'],
    ],
    env: ['RESOLVER_TIMEOUT_MS'],
  },
  {
    slug: 'disk-full',
    logSources: ['postgres', 'app', 'kubelet'],
    tags: ['storage', 'disk', 'logs'],
    titles: ['{db} stopped accepting writes: disk full', 'Disk full on {svc} nodes'],
    errors: [
      'PANIC: could not write to file "pg_wal/xlogtemp.123": No space left on device',
      "OSError: [Errno 28] No space left on device: '/var/log/{svc}/app.log'",
      'kubelet: eviction manager: pods evicted, DiskPressure on node ip-10-0-4-21',
    ],
    triggers: ['Debug logging left on after an investigation filled the volume.', 'A stuck replication slot retained {n} GB of WAL.'],
    factors: [
      'Log rotation was configured by size per file, not total.',
      'An abandoned replication slot from a decommissioned replica was never dropped.',
      'Disk alerts fired at 95%, leaving minutes to react.',
    ],
    solutions: ['Dropped the stale replication slot, expanded the volume by 200 GB and set total log retention.'],
    lessons: ['Alert on the rate of disk growth, not only on the level.', 'Temporary debug settings need an expiry.'],
    actions: [
      ['Alert on predicted disk full within 24 h', 'detect'],
      ['Monitor and alert on inactive replication slots', 'detect'],
      ['Cap total log volume per node', 'prevent'],
    ],
    files: ['ansible/roles/logrotate/templates/app.conf.j2', 'monitoring/alerts/disk.yaml'],
    lang: 'yaml',
    patch: [
      ['  - alert: DiskAlmostFull', '    expr: disk_used_percent > 95'],
      ['  - alert: DiskFillingUp', '    expr: predict_linear(node_filesystem_avail_bytes[6h], 24*3600) < 0'],
    ],
    env: ['LOG_LEVEL', 'LOG_RETENTION_DAYS'],
  },
  {
    slug: 'dependency-upgrade',
    logSources: ['app', 'ci'],
    tags: ['dependencies', 'upgrade', 'regression'],
    titles: ['Upgrade of {dep} to {to} broke {svc}', '{svc} regression after dependency bump'],
    errors: [
      'TypeError: {dep}.createClient is not a function',
      "ImportError: cannot import name 'declarative_base' from 'sqlalchemy.ext'",
      'Error [ERR_REQUIRE_ESM]: require() of ES Module not supported',
    ],
    triggers: ['An automated dependency PR bumped {dep} from {from} to {to} and was merged with green CI.'],
    factors: [
      'The breaking change was only exercised by an integration test that is skipped in CI.',
      'Renovate auto-merges minor updates without a canary.',
      'The lockfile was regenerated, pulling in transitive upgrades at the same time.',
    ],
    solutions: ['Pinned {dep} to {from}, then migrated the call sites and re-enabled the integration test before upgrading again.'],
    lessons: ['Green CI only means what the tests cover.', 'Auto-merge needs a canary in front of it.'],
    actions: [
      ['Run integration tests on dependency PRs', 'prevent'],
      ['Disable auto-merge for runtime dependencies of {svc}', 'process'],
      ['Canary deploys for dependency-only releases', 'detect'],
    ],
    files: ['package.json', 'package-lock.json', 'src/clients/{dep}.ts'],
    lang: 'diff',
    patch: [['-    "{dep}": "^{to}",'], ['+    "{dep}": "{from}",']],
    env: ['NODE_ENV'],
  },
  {
    slug: 'third-party-outage',
    logSources: ['app', 'envoy'],
    tags: ['third-party', 'timeouts', 'resilience'],
    titles: ['Payment provider outage degraded {svc}', '{svc} failures during upstream API outage'],
    errors: [
      'HTTP 503 from api.payments-provider.example: upstream connect error or disconnect/reset before headers',
      'context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      "CircuitBreaker 'provider' is OPEN and does not permit further calls",
    ],
    triggers: ['The upstream provider had a regional outage in {region}.'],
    factors: [
      'Calls to the provider had a 60 s timeout and held request threads.',
      'No fallback provider was configured for card payments.',
      'The status page of the provider lagged the outage by 25 minutes.',
    ],
    solutions: ['Lowered the timeout to 3 s, enabled the circuit breaker and queued payments for retry once the provider recovered.'],
    lessons: ['Timeouts are a capacity decision.', "A dependency's status page is not a monitor."],
    actions: [
      ['Add synthetic checks against the provider API', 'detect'],
      ['Set a 3 s timeout and circuit breaker on all provider calls', 'mitigate'],
      ['Evaluate a secondary payment provider', 'process'],
    ],
    files: ['src/providers/payments.go', 'config/timeouts.yaml'],
    lang: 'go',
    patch: [
      ['\tclient := &http.Client{Timeout: 60 * time.Second}'],
      ['\tclient := &http.Client{Timeout: 3 * time.Second}', '\tbreaker := gobreaker.NewCircuitBreaker(settings)'],
    ],
    env: ['PROVIDER_API_KEY', 'PROVIDER_TIMEOUT_MS', 'PROVIDER_BASE_URL'],
  },
  {
    slug: 'ip-starvation',
    logSources: ['kubelet', 'aws-cni'],
    tags: ['kubernetes', 'network', 'capacity'],
    titles: ['Pods stuck in ContainerCreating: subnet IPs exhausted in {region}', 'Kubernetes IP starvation blocked scaling of {svc}'],
    errors: [
      'failed to assign an IP address to container: no available IP addresses in subnet',
      'Warning FailedCreatePodSandBox: plugin type="aws-cni" failed (add): add cmd: failed to assign an IP address',
      'InsufficientFreeAddressesInSubnet: The specified subnet does not have enough free addresses',
    ],
    triggers: ['The autoscaler added nodes for a batch job and each node reserved a full ENI of IPs.'],
    factors: [
      'Subnets were /24, sized for the cluster of three years ago.',
      '`WARM_ENI_TARGET=1` reserved IPs on every node whether used or not.',
      'No alert on free IPs per subnet.',
    ],
    solutions: ['Set `WARM_IP_TARGET=5`, added secondary CIDR subnets and drained the batch node group.'],
    lessons: ['Network capacity is capacity too.', 'Defaults of the CNI favour speed over address usage.'],
    actions: [
      ['Alert when a subnet has less than 15% free IPs', 'detect'],
      ['Add secondary CIDR ranges to all clusters', 'prevent'],
    ],
    files: ['terraform/vpc/subnets.tf', 'k8s/kube-system/aws-node.yaml'],
    lang: 'hcl',
    patch: [['  cidr_block = "10.0.{n}.0/24"'], ['  cidr_block = "10.0.{n}.0/24"', '  secondary_cidr_blocks = ["100.64.0.0/16"]']],
    env: ['WARM_IP_TARGET', 'MINIMUM_IP_TARGET'],
  },
  {
    slug: 'cache-stampede',
    logSources: ['redis', 'app'],
    tags: ['redis', 'cache', 'thundering-herd'],
    titles: ['Cache stampede on {svc} after Redis failover', 'Redis eviction storm overloaded {db}'],
    errors: [
      "ReplyError: OOM command not allowed when used memory > 'maxmemory'",
      'Error: Connection is closed. (ioredis) reconnecting in 50ms',
      "READONLY You can't write against a read only replica.",
    ],
    triggers: ['A Redis failover emptied the cache and all {svc} instances recomputed the catalog at once.'],
    factors: [
      'Every key shared the same TTL, so they expired together.',
      'No request coalescing: {n} concurrent misses each hit {db}.',
      'maxmemory-policy was `noeviction`, so writes failed instead of evicting.',
    ],
    solutions: ['Added jitter to TTLs, single-flight loading for hot keys and switched to `allkeys-lru`.'],
    lessons: ['A cold cache is a load test of the database.', 'Failover drills should include cache warm-up.'],
    actions: [
      ['Add single-flight loading for hot keys in {svc}', 'prevent'],
      ['Run quarterly Redis failover drills', 'process'],
      ['Alert on cache hit rate drops', 'detect'],
    ],
    files: ['src/cache/catalog.ts', 'redis/redis.conf'],
    lang: 'typescript',
    patch: [
      ['  await redis.set(key, value, "EX", 300);'],
      ['  const ttl = 300 + Math.floor(Math.random() * 60);', '  await redis.set(key, value, "EX", ttl);'],
    ],
    env: ['REDIS_URL', 'CACHE_TTL_SECONDS'],
  },
  {
    slug: 'consumer-lag',
    logSources: ['kafka-consumer', 'app'],
    tags: ['kafka', 'queue', 'backlog'],
    titles: ['Consumer lag on {queue} delayed notifications by hours', '{svc} stopped consuming {queue}'],
    errors: [
      'KafkaJSNumberOfRetriesExceeded: The group is rebalancing, so a rejoin is needed',
      'org.apache.kafka.clients.consumer.CommitFailedException: Commit cannot be completed since the group has already rebalanced',
      'poison message at offset {n}: json: cannot unmarshal string into Go struct field Event.amount of type int64',
    ],
    triggers: ['A producer in {svc2} started emitting events with a new field type.'],
    factors: [
      'One malformed message blocked the partition: the consumer retried it forever.',
      'No dead-letter topic for {queue}.',
      'Lag alerts were based on message count, not age.',
    ],
    solutions: ['Skipped the poison message to a dead-letter topic, deployed a tolerant parser and replayed the backlog.'],
    lessons: ['Schemas between teams need a contract test.', 'Every consumer needs a dead-letter path.'],
    actions: [
      ['Add a dead-letter topic and skip policy for {queue}', 'mitigate'],
      ['Alert on consumer lag age > 5 min', 'detect'],
      ['Introduce schema registry checks in CI for {svc2}', 'prevent'],
    ],
    files: ['consumer/handler.go', 'schemas/order_event.avsc'],
    lang: 'go',
    patch: [
      ['\tif err := json.Unmarshal(msg.Value, &event); err != nil {', '\t\treturn err'],
      ['\tif err := json.Unmarshal(msg.Value, &event); err != nil {', '\t\treturn dlq.Send(ctx, msg, err)'],
    ],
    env: ['KAFKA_BROKERS', 'KAFKA_GROUP_ID', 'DLQ_TOPIC'],
  },
  {
    slug: 'secret-rotation',
    logSources: ['app', 'auth'],
    tags: ['secrets', 'config', 'auth'],
    titles: ['Secret rotation logged out all users of {svc}', '{svc} 401s after JWT secret rotation'],
    errors: [
      'JsonWebTokenError: invalid signature',
      'AuthenticationError: password authentication failed for user "{svc}"',
      'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetSecretValue operation',
    ],
    triggers: ['The quarterly rotation replaced `JWT_SECRET` without a grace period for old tokens.'],
    factors: [
      'The verifier only accepted one key at a time.',
      'The rotation runbook was last updated before {svc2} started sharing the secret.',
      '{svc2} cached the old secret until restart.',
    ],
    solutions: ['Restored the previous key as a secondary verification key and restarted {svc2}; rotation now publishes keys 24 h before use.'],
    lessons: ['Rotation needs overlap: publish, switch, retire.', 'Shared secrets hide dependencies.'],
    actions: [
      ['Support multiple verification keys (kid) in {svc}', 'prevent'],
      ['Update the rotation runbook with consumer list', 'process'],
    ],
    files: ['src/auth/jwt.py', 'deploy/secrets.yaml'],
    lang: 'python',
    patch: [
      ['    return jwt.decode(token, settings.JWT_SECRET, algorithms=["HS256"])'],
      [
        '    for key in settings.JWT_VERIFY_KEYS:',
        '        with suppress(InvalidSignatureError):',
        '            return jwt.decode(token, key, algorithms=["HS256"])',
      ],
    ],
    env: ['JWT_SECRET', 'JWT_VERIFY_KEYS', 'SECRET_KEY'],
  },
  {
    slug: 'clock-skew',
    logSources: ['chronyd', 'app'],
    tags: ['time', 'ntp', 'auth'],
    titles: ['Clock skew on {region} nodes rejected signed requests', 'Token validation failures from NTP drift'],
    errors: [
      'SignatureDoesNotMatch: Signature expired: 20240301T101500Z is now earlier than 20240301T102000Z',
      'jwt.exceptions.ImmatureSignatureError: The token is not yet valid (iat)',
      'chronyd: System clock wrong by 312.4 seconds',
    ],
    triggers: ['A security group change blocked UDP 123 to the internal NTP servers.'],
    factors: ['No alert on clock offset.', 'Token validation allowed zero leeway.', 'The security group change was reviewed without knowing NTP used it.'],
    solutions: ['Reopened UDP 123, forced a chrony step on affected nodes and allowed 30 s leeway on token validation.'],
    lessons: ['Time is infrastructure.', 'Firewall rules need a reason attached.'],
    actions: [
      ['Alert when clock offset exceeds 1 s', 'detect'],
      ['Annotate security group rules with their purpose', 'process'],
    ],
    files: ['terraform/security_groups.tf', 'src/auth/validate.ts'],
    lang: 'hcl',
    patch: [['  # ingress udp 123 removed'], ['  ingress {', '    from_port = 123', '    to_port   = 123', '    protocol  = "udp"', '  }']],
    env: ['JWT_LEEWAY_SECONDS', 'NTP_SERVERS'],
  },
];

const GENERIC_FACTORS = [
  'The runbook for {svc} was out of date and pointed at a retired dashboard.',
  'On-call was paged on a secondary channel that was muted overnight.',
  'The change was deployed on a Friday evening with reduced staffing.',
  'Alerts fired but were grouped with a noisy, unrelated alert and ignored.',
  'Rollback took longer than expected because the previous image had been garbage-collected.',
  'The canary stage was skipped to ship a hotfix faster.',
  'Logs were sampled at 1%, hiding the first errors.\nFull logs were only available after the sampling rule was changed.',
  'Ownership of {svc2} was unclear after the team reorganisation.',
  'Health checks only covered `/healthz | 200`, not the dependency on {db}.',
];
const GENERIC_LESSONS = [
  ['Clear incident command made the response calm and fast.', 'went-well'],
  ['Status page updates every 15 minutes kept support informed.', 'went-well'],
  ['We were lucky the incident started during business hours.', 'lucky'],
  ['Dashboards for {svc} answered the first questions within minutes.', 'went-well'],
  ['Rollback was the fastest mitigation; we reached for it too late.', 'went-wrong'],
  ['Having the fix commit linked in the channel helped reviewers.', 'went-well'],
  ['The `kubectl get pods | grep -v Running` one-liner found the broken pods quickly.', 'went-well'],
  ['Nobody knew who owned {svc2}; paging the right team took 20 minutes.', 'went-wrong'],
];
const GENERIC_ACTIONS = [
  ['Update the {svc} runbook with the mitigation steps', 'process'],
  ['Add an SLO burn-rate alert for {svc}', 'detect'],
  ['Keep the last 10 images available for rollback', 'mitigate'],
  ['Run a game day for this failure mode', 'process'],
  ['Add a synthetic check for the checkout path', 'detect'],
  ['Document ownership of {svc2} in the service catalog', 'process'],
  ['Make rollback a one-command operation', 'mitigate'],
];
const IMPACTS = [
  '{pct}% of requests to {svc} returned 5xx for the duration of the incident.',
  'Users could not log in; about {n} sign-in attempts failed.',
  'Orders were accepted but confirmation emails were delayed by up to {n} minutes.',
  'Checkout p99 latency rose from 300 ms to {n} s; conversion dropped by {pct}%.',
  'All API endpoints of {svc} returned 404 or were unreachable.',
  'Background jobs stopped; no data was lost but reports were {n} minutes late.',
  'Mobile clients showed a generic error screen; support received {n} tickets.',
];
const CHECK_PATHS = [
  ['/', 'GET', 'Service JSON', '200'],
  ['/health', 'GET', 'Health check JSON', '200'],
  ['/healthz', 'GET', 'OK', '200'],
  ['/readyz', 'GET', 'Ready', '200'],
  ['/docs', 'GET', 'Swagger UI', '200'],
  ['/openapi.json', 'GET', 'OpenAPI schema', '200'],
  ['/api/v1/orders', 'GET', 'Auth error (not 404)', 'not-404'],
  ['/api/v1/login', 'POST', 'Validation error', '4xx'],
  ['/api/v1/cart', 'GET', 'Cart JSON | 2xx', '2xx'],
  ['/metrics', 'GET', 'Prometheus metrics', '200'],
  ['/api/v1/payments', 'POST', 'Auth error (not 5xx)', 'not-5xx'],
  ['/graphql', 'POST', 'GraphQL response', '200'],
];
const COMMIT_PREFIXES = ['fix', 'fix', 'fix(critical)', 'hotfix', 'revert', 'chore', 'feat', 'perf'];
const METRIC_POOL = [
  ['Time to detect', '{n} min'],
  ['Time to mitigate', '{n} min'],
  ['Error rate (peak)', '{pct}%'],
  ['Requests failed', '{n}k'],
  ['Customers affected', '~{n}'],
  ['Endpoint availability', '{n}/{n} endpoints operational'],
  ['p99 latency (peak)', '{n} s'],
  ['Data loss', 'None'],
  ['Support tickets', '{n}'],
  ['SLO budget burned', '{pct}%'],
  ['Rollback time', '{n} min | manual'],
];

// ---------------------------------------------------------------------------
// Helpers

function int(random, min, max) {
  return min + Math.floor(random() * (max - min + 1));
}
function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}
/** An integer in [min, max] skewed towards min: most incidents have a few items, some many. */
function skewed(random, min, max) {
  return min + Math.floor(random() * random() * (max - min + 1));
}
function chance(random, p) {
  return random() < p;
}
/** `count` distinct items of `list` (fewer if the list is shorter), in random order. */
function sample(random, list, count) {
  const copy = list.slice();
  const out = [];
  while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
  return out;
}
function fill(template, ctx) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in ctx ? String(ctx[key]) : match));
}
function hex(random, length) {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[Math.floor(random() * 16)];
  return out;
}
function pad(value) {
  return String(value).padStart(2, '0');
}
/** ISO 8601 text of an instant at an offset: `2025-03-04T10:15:00Z` or `...+05:30`. */
function timestamp(epochMs, offsetMinutes) {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
function dateOf(epochMs) {
  return new Date(epochMs).toISOString().slice(0, 10);
}
const MINUTE = 60_000;
const START = Date.UTC(2023, 0, 1);
const SPAN_DAYS = 1095;

// ---------------------------------------------------------------------------
// The generator

/**
 * One synthetic incident record, shaped like the schema's input.
 * @param {number} index position in the run; makes the id unique
 * @param {() => number} [random] a PRNG from makeRandom; defaults to one seeded by index
 * @returns {Record<string, unknown>}
 */
export function generateIncident(index, random = makeRandom(index + 1)) {
  const arch = pick(random, ARCHETYPES);
  const services = sample(random, SERVICES, int(random, 1, 3));
  const svc = services[0];
  const dep = pick(random, DEPENDENCIES);
  const offset = pick(random, OFFSETS);
  const startedMs = START + int(random, 0, SPAN_DAYS) * 86_400_000 + int(random, 0, 24 * 60 - 1) * MINUTE;
  const n = int(random, 8, 120);
  const ctx = {
    svc,
    svc2: services[1] ?? pick(random, SERVICES),
    db: pick(random, DATABASES),
    table: pick(random, TABLES),
    queue: pick(random, QUEUES),
    flag: pick(random, FLAGS),
    region: pick(random, REGIONS),
    env: pick(random, ENVIRONMENTS),
    n,
    n2: n * 2,
    pct: int(random, 2, 95),
    port: pick(random, [5432, 6543, 6379, 9092, 443, 8080]),
    dep: dep[0],
    from: dep[1],
    to: dep[2],
    mig: String(int(random, 1, 140)).padStart(4, '0'),
    host: `${svc}.example.com`,
    now: timestamp(startedMs, 0),
    expiry: timestamp(startedMs - int(random, 1, 600) * MINUTE, 0),
  };
  const f = (template) => fill(template, ctx);
  const at = (ms) => timestamp(ms, offset);

  // Times: detect within an hour, mitigate and resolve later; some open ends.
  const detectedMs = startedMs + int(random, 0, 60) * MINUTE;
  const mitigatedMs = detectedMs + int(random, 3, 240) * MINUTE;
  const resolvedMs = mitigatedMs + int(random, 0, 600) * MINUTE;
  const status = pick(random, STATUSES);
  const resolved = status !== 'draft' || chance(random, 0.5);
  const times = {
    started: at(startedMs),
    detected: at(detectedMs),
    mitigated: chance(random, 0.9) ? at(mitigatedMs) : null,
    resolved: resolved ? at(resolvedMs) : null,
  };

  const error = f(pick(random, arch.errors));
  const title = f(pick(random, arch.titles));
  const slug = arch.slug;
  const id = `${dateOf(startedMs)}-${svc}-${slug}-${index}`;

  const summary = [
    `${f(pick(random, arch.triggers))} ${chance(random, 0.5) ? `${svc} started failing in ${ctx.region}.` : ''}`.trim(),
    '',
    `- Error: \`${error}\``,
    `- Affected: ${services.map((s) => `\`${s}\``).join(', ')}`,
    chance(random, 0.5)
      ? `- First alert: \`${svc} 5xx rate > ${ctx.pct}% | 5m\``
      : `- Reported by: ${pick(random, ['customer support', 'synthetic checks', 'on-call pager', 'a developer in #incidents'])}`,
  ].join('\n');

  const factors = sample(random, arch.factors, int(random, 1, Math.min(4, arch.factors.length)))
    .concat(sample(random, GENERIC_FACTORS, int(random, 0, 2)))
    .slice(0, 6)
    .map((text, i) => ({ text: f(text), tags: i === 0 ? sample(random, arch.tags, 2) : [] }));
  while (factors.length < 2) factors.push({ text: f(pick(random, GENERIC_FACTORS)), tags: [] });

  const lessons = sample(random, arch.lessons, int(random, 1, arch.lessons.length))
    .map((text) => [text, pick(random, ['problem', 'solution', 'went-wrong', null])])
    .concat(sample(random, GENERIC_LESSONS, skewed(random, 1, 3)))
    .slice(0, 5)
    .map(([text, category]) => ({ text: f(text), category, tags: chance(random, 0.2) ? [pick(random, arch.tags)] : [] }));

  const actionSources = sample(random, arch.actions, int(random, 1, arch.actions.length)).concat(sample(random, GENERIC_ACTIONS, skewed(random, 1, 5)));
  const actions = actionSources.slice(0, 8).map(([text, kind], i) => {
    const done = chance(random, 0.3);
    const assigned = done || chance(random, 0.6);
    return {
      id: i + 1,
      text: f(text),
      kind,
      owner: assigned ? pick(random, OWNERS) : null,
      due: assigned && chance(random, 0.7) ? dateOf(resolvedMs + int(random, 3, 90) * 86_400_000) : null,
      priority: pick(random, ['high', 'medium', 'medium', 'low']),
      status: done ? 'done' : pick(random, ['open', 'open', 'in-progress', 'wont-do']),
      tracker: chance(random, 0.3)
        ? pick(random, [`OPS-${int(random, 100, 9999)}`, `#${int(random, 10, 4000)}`, `https://tracker.example.com/browse/SRE-${int(random, 10, 999)}`])
        : null,
      created_at: chance(random, 0.5) ? at(resolvedMs + 30 * MINUTE) : null,
      closed_at: done ? at(resolvedMs + int(random, 1, 60) * 86_400_000) : null,
    };
  });

  // Commits: the fix (and sometimes the change that caused it, or a follow-up).
  const commits = [];
  const commitCount = skewed(random, 0, 3);
  for (let i = 0; i < commitCount; i++) {
    const files = sample(random, arch.files, int(random, 1, Math.min(4, arch.files.length))).map((path) => ({
      path: f(path),
      insertions: int(random, 0, 80),
      deletions: int(random, 0, 40),
    }));
    const [removed, added] = arch.patch;
    const committedMs = detectedMs + int(random, 5, 200) * MINUTE;
    const isDiff = arch.lang === 'diff' || chance(random, 0.6);
    const diff = isDiff
      ? [
          `--- a/${files[0].path}`,
          `+++ b/${files[0].path}`,
          `@@ -${int(random, 1, 200)},${removed.length + 2} +${int(random, 1, 200)},${added.length + 2} @@`,
          ' ',
          ...removed.map((l) => `-${f(l).replace(/^-/, '')}`),
          ...added.map((l) => `+${f(l).replace(/^\+/, '')}`),
          ' ',
        ].join('\n')
      : added.map(f).join('\n');
    const prefix = i === 0 ? pick(random, COMMIT_PREFIXES) : pick(random, ['fix', 'chore', 'test', 'docs']);
    commits.push({
      repo: chance(random, 0.8) ? `acme/${svc}` : null,
      hash: hex(random, chance(random, 0.5) ? 7 : 40),
      author: `${pick(random, AUTHORS)} <${pick(random, ['dev', 'sre', 'oncall'])}@example.com>`,
      authored_at: at(committedMs - int(random, 0, 30) * MINUTE),
      committed_at: at(committedMs),
      subject: `${prefix}: ${f(pick(random, arch.solutions)).split(/[.,;]/)[0].slice(0, 72).trim()}`,
      body: chance(random, 0.5) ? `${f(pick(random, arch.factors))}\n\nRefs: OPS-${int(random, 100, 9999)}` : null,
      fix: i === 0 ? chance(random, 0.85) : chance(random, 0.3),
      files,
      diff: chance(random, 0.85) ? diff : null,
      diff_language: isDiff ? 'diff' : arch.lang === 'diff' ? 'json' : arch.lang,
    });
  }

  const base = `https://${ctx.host}`;
  const checks = sample(random, CHECK_PATHS, skewed(random, 0, 8)).map(([path, method, expect, expectStatus]) => {
    const phase = chance(random, 0.75) ? 'after' : 'before';
    const passed = phase === 'after' ? chance(random, 0.9) : chance(random, 0.3);
    const ok = expectStatus === 'not-404' ? pick(random, [401, 403]) : expectStatus === '4xx' ? 422 : 200;
    const timedOut = !passed && chance(random, 0.3);
    return {
      url: `${base}${path}`,
      method,
      expect,
      expect_status: expectStatus,
      result: passed
        ? pick(random, ['OK', 'Schema returned', `HTTP ${ok} | ${int(random, 5, 900)} ms`, '`{"status":"healthy"}`'])
        : timedOut
          ? 'No response'
          : pick(random, ['Railway ASCII art instead of JSON', 'HTTP 502 Bad Gateway', 'HTTP 404 Not Found']),
      passed,
      status_code: timedOut ? null : passed ? ok : pick(random, [404, 500, 502, 503]),
      latency_ms: timedOut || chance(random, 0.3) ? null : Math.round(random() * 90000) / 100,
      checked_at: at(phase === 'after' ? mitigatedMs + int(random, 1, 20) * MINUTE : detectedMs + int(random, 1, 10) * MINUTE),
      phase,
      error: timedOut ? pick(random, ['ETIMEDOUT after 10000 ms', 'ECONNREFUSED', 'certificate has expired']) : null,
    };
  });

  const logs = [];
  const logCount = skewed(random, 0, 10);
  for (let i = 0; i < logCount; i++) {
    const repeated = chance(random, 0.3);
    const t = startedMs + int(random, 0, 60) * MINUTE + int(random, 0, 59) * 1000;
    const [source, message] = chance(random, 0.6)
      ? [pick(random, arch.logSources ?? ['app', 'app', 'sentry', 'loki']), f(pick(random, arch.errors))]
      : pick(random, [
          ['nginx', `GET /api/v1/orders | ${pick(random, [500, 502, 503, 504])} | ${int(random, 1, 30)}.${int(random, 0, 9)}s | upstream=${svc}`],
          ['kubelet', `Readiness probe failed: HTTP probe failed with statuscode: ${pick(random, [500, 503])}`],
          ['app', `worker ${int(random, 1, 16)} exited with code 1, restarting`],
          ['app', `🔥 retry budget exhausted for ${ctx.svc2}`],
          ['postgres', `slow query (${int(random, 2, 60)}s): SELECT * FROM ${ctx.table} WHERE created_at > $1`],
          ['sentry', `Traceback (most recent call last):\n  File "app/main.py", line ${int(random, 10, 400)}, in startup\n${error}`],
          ['cloudwatch', `ALARM: "${svc}-5xx-rate" in ${ctx.region} | threshold ${ctx.pct}% | datapoints 3/3`],
        ]);
    logs.push({
      time: chance(random, 0.9) ? timestamp(t, 0) : null,
      level: pick(random, LEVELS),
      source,
      message,
      fingerprint: repeated ? hex(random, 12) : null,
      count: repeated ? int(random, 2, 5000) : 1,
      last_seen: repeated ? timestamp(t + int(random, 1, 120) * MINUTE, 0) : null,
    });
  }
  // Timed lines in order, untimed ones (a pasted excerpt without timestamps) last.
  logs.sort((a, b) => (a.time === null ? 1 : 0) - (b.time === null ? 1 : 0) || (a.time && b.time ? Date.parse(a.time) - Date.parse(b.time) : 0));

  const envNames = sample(random, arch.env.concat(['DATABASE_URL', 'SECRET_KEY', 'SENTRY_DSN', 'LOG_LEVEL', 'REDIS_URL', 'SMTP_*']), skewed(random, 0, 6));
  const env = [...new Set(envNames)].map((name) => {
    const required = !['SENTRY_DSN', 'LOG_LEVEL', 'SMTP_*'].includes(name) || chance(random, 0.2);
    return {
      name,
      required,
      set: required ? chance(random, 0.9) : chance(random, 0.5),
      shape: name.endsWith('_URL')
        ? 'URL'
        : name.includes('SECRET') || name.includes('KEY')
          ? pick(random, ['64-char hex', 'base64, 44 chars', 'non-empty'])
          : null,
      note: chance(random, 0.5)
        ? pick(random, [
            'Checked by start.sh before boot',
            'Rotated quarterly',
            'Missing in staging',
            'Points at the pooler (port 6543)',
            'Optional | feature disabled when unset',
          ])
        : null,
    };
  });

  const warnings = sample(
    random,
    [
      'Python 3.10 near end-of-life (upgrade to 3.11+ recommended)',
      '`ACCESS_TOKEN_EXPIRE_MINUTES=30` too short, forced to 120 minutes',
      'Sentry DSN not configured (error monitoring disabled)',
      `Endpoint ${base}/metrics timed out after 10 s`,
      'Could not parse 3 log lines (invalid timestamps); they were skipped',
      'Redis not configured (using in-memory fallback)',
    ],
    int(random, 0, 3),
  ).map((text) => ({ text, source: chance(random, 0.5) ? pick(random, ['collect', 'checks', 'logs', 'env']) : null }));

  // Timeline: detected first, resolved last (when resolved), 3-12 events in order.
  const timelineCount = skewed(random, 3, 12);
  const endMs = times.resolved ? resolvedMs : mitigatedMs;
  const middle = [];
  for (let i = 0; i < timelineCount - 2; i++) middle.push(detectedMs + int(random, 1, Math.max(2, (endMs - detectedMs) / MINUTE - 1)) * MINUTE);
  middle.sort((a, b) => a - b);
  const PHASE = { investigation: 1, change: 2, commit: 3, deploy: 4, build: 5, mitigated: 6, verified: 7 };
  const middleKinds = ['investigation', 'investigation', 'change', 'commit', 'deploy', 'build', 'verified', 'note', 'error', 'mitigated'];
  const middleTexts = {
    investigation: [
      'Investigation started in #incidents',
      `Root cause found: ${error.slice(0, 60)}`,
      `Checked ${ctx.db} metrics: connections at ${ctx.pct}%`,
      `\`kubectl logs ${svc} | tail\` shows the error`,
    ],
    change: [f(pick(random, arch.solutions)).split('.')[0], `Rolled back ${svc} to ${ctx.from}`, `Scaled ${svc} to ${int(random, 3, 30)} replicas`],
    commit: ['Fix committed and pushed to main', 'Revert PR opened'],
    deploy: ['Deploy started', `Deploy of ${svc} ${ctx.to} started`, 'Railway detected push, started build'],
    build: ['Build completed', 'Docker build completed', 'Migration ran successfully'],
    verified: ['All endpoints verified working', 'Error rate back to baseline', 'Synthetic checks green'],
    note: ['Status page updated', 'Customer support informed', 'Incident commander handed over'],
    error: ['Second wave of errors after cache expiry', 'Rollback failed: image not found'],
    mitigated: ['Traffic shifted to healthy region', 'Error rate below 1%'],
  };
  const timeline = [{ time: at(detectedMs), text: `Alert: ${title}`, kind: 'detected', source: pick(random, ['manual', 'log', 'check']) }];
  // Kinds follow the usual course of a response (investigate, change, ship, verify); notes fall anywhere.
  const kinds = middle.map(() => pick(random, middleKinds)).map((kind) => [kind, PHASE[kind] ?? random() * 7]);
  kinds.sort((a, b) => a[1] - b[1]);
  for (const [index, ms] of middle.entries()) {
    const kind = kinds[index][0];
    timeline.push({
      time: at(ms),
      text: f(pick(random, middleTexts[kind])),
      kind,
      source: kind === 'commit' ? 'commit' : kind === 'verified' ? pick(random, ['check', 'manual']) : 'manual',
    });
  }
  if (times.resolved) timeline.push({ time: at(resolvedMs), text: 'Incident resolved', kind: 'resolved', source: 'manual' });
  else if (times.mitigated) timeline.push({ time: at(mitigatedMs), text: 'Mitigation in place; monitoring', kind: 'mitigated', source: 'manual' });
  else timeline.push({ time: at(mitigatedMs), text: 'Still investigating; next update in 30 minutes', kind: 'note', source: 'manual' });

  const deployment = sample(
    random,
    [
      'Updated the code with the fix',
      'Committed fix to git',
      'Pushed to `main` branch',
      'CI pipeline passed',
      'Canary at 5% for 10 minutes',
      'Rolled out to all regions',
      'Verified dashboards',
      'Application started successfully',
    ],
    skewed(random, 0, 6),
  ).map((text) => ({
    text,
    status: chance(random, 0.85) ? 'done' : pick(random, ['failed', 'skipped', 'pending']),
    detail: text.startsWith('Committed') && commits[0] ? commits[0].subject : null,
  }));

  const metrics = sample(random, METRIC_POOL, skewed(random, 2, 6)).map(([name, value]) => {
    const m = int(random, 1, 250);
    return { name, value: fill(value, { n: m, pct: int(random, 1, 100) }) };
  });

  const sections = [];
  if (chance(random, 0.4)) {
    sections.push({
      heading: pick(random, ['Service Health', 'Technical Details', 'Customer Communication', 'Open Questions']),
      body: [
        `- **${ctx.db}:** ${pick(random, ['healthy', 'degraded', 'failed over'])}`,
        `- **Redis:** ${pick(random, ['not configured', 'healthy'])}`,
        `- **Region:** ${ctx.region}`,
      ].join('\n'),
      after: pick(random, ['environment', 'timeline', 'conclusion', 'impact', null]),
    });
  }

  const createdMs = (times.resolved ? resolvedMs : mitigatedMs) + int(random, 10, 2880) * MINUTE;
  return {
    id,
    title,
    status,
    severity: pick(random, SEVERITIES),
    services,
    environment: ctx.env,
    authors: sample(random, AUTHORS, int(random, 1, 3)),
    tags: [...new Set([...sample(random, arch.tags, int(random, 1, arch.tags.length)), ...(chance(random, 0.3) ? [ctx.region] : [])])],
    times,
    summary,
    impact:
      f(pick(random, IMPACTS)) + (chance(random, 0.3) ? `\n\nNo data was lost; ${ctx.pct}% of affected requests were retried successfully by clients.` : ''),
    factors,
    trigger: f(pick(random, arch.triggers)),
    solution: `${f(pick(random, arch.solutions))}\n\n**Changes:**\n\n${sample(random, arch.files, 2)
      .map((file) => `- \`${f(file)}\``)
      .join('\n')}`,
    deployment,
    conclusion: `**Problem:** ${title}.\n\n**Solution:** ${f(pick(random, arch.solutions))}\n\n**Status:** ${times.resolved ? 'Resolved' : 'Mitigated, monitoring'}.`,
    sections,
    evidence: { logs, commits, checks, env, warnings },
    timeline,
    lessons,
    actions,
    metrics,
    created_at: at(createdMs),
    updated_at: at(createdMs + int(random, 0, 20160) * MINUTE),
  };
}
