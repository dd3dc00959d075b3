package synth

// Word lists the generator draws from. They are fixed so that a seed always
// gives the same handbook.

var domains = []string{
	"payments", "ledger", "billing", "identity", "sessions", "search", "catalog", "orders",
	"inventory", "shipping", "pricing", "notifications", "messaging", "reporting", "analytics",
	"fraud", "risk", "accounts", "profiles", "media", "uploads", "exports", "imports", "audit",
	"compliance", "tax", "refunds", "subscriptions", "quotas", "metering", "webhooks", "scheduler",
	"gateway", "routing", "geo", "recommendations", "reviews", "support", "onboarding", "partners",
}

var roles = []string{
	"api", "worker", "store", "indexer", "gateway", "scheduler", "consumer", "publisher",
	"cache", "proxy", "sync", "engine",
}

var languages = []string{"Go", "Go", "Go", "Kotlin", "Python", "Java", "TypeScript", "Rust"}

var teamWords = []string{
	"Aurora", "Borealis", "Cascade", "Delta", "Ember", "Fjord", "Glacier", "Harbor", "Ion",
	"Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Orbit", "Pioneer", "Quartz", "Rapids",
	"Summit", "Tundra", "Umbra", "Vertex", "Willow", "Zenith",
}

var firstNames = []string{
	"Amara", "Tomás", "Priya", "Jonas", "Lena", "Samir", "Daniel", "Ingrid", "Kwame", "Rosa",
	"Yuki", "Hannah", "Marcus", "Aisha", "Felix", "Chloé", "Noor", "Mateo", "Sofia", "Olu",
	"Mei", "Arjun", "Elena", "Tariq", "Freya", "Diego", "Hana", "Lukas", "Zara", "Kofi",
}

var lastNames = []string{
	"Okafor", "Ferreira", "Raman", "Weber", "Kowalski", "Haddad", "Park", "Solberg", "Mensah",
	"Delgado", "Tanaka", "Becker", "Reid", "Siddiqui", "Novak", "Martin", "Khan", "Silva",
	"Rossi", "Adeyemi", "Chen", "Iyer", "Popescu", "Aziz", "Lindqvist", "Ortega", "Sato",
	"Fischer", "Ahmed", "Boateng",
}

var memberRoles = []string{
	"Engineering Manager", "Tech Lead", "Staff Engineer", "Senior Backend Engineer",
	"Backend Engineer", "Backend Engineer", "Associate Backend Engineer", "SRE",
}

var topics = []string{
	"deploy pipeline", "code review", "incident response", "capacity planning", "schema migrations",
	"feature flags", "load testing", "dependency upgrades", "secret rotation", "access reviews",
	"release notes", "api versioning", "error budgets", "alert tuning", "log retention",
	"cost reviews", "data backfills", "postmortems", "service templates", "chaos drills",
	"on-call handoff", "design reviews", "tech debt triage", "mentoring", "interview loops",
	"quarterly planning", "vendor evaluation", "disaster recovery", "performance profiling",
	"observability", "testing strategy", "security patches",
}

var techs = []string{
	"Kafka", "PostgreSQL", "gRPC", "OpenTelemetry", "Redis", "CockroachDB", "Envoy", "Terraform",
	"Argo CD", "Temporal", "NATS", "ClickHouse", "Vault", "Kubernetes HPA", "S3 lifecycle rules",
	"protobuf schemas", "cursor pagination", "idempotency keys", "mutual TLS", "the outbox pattern",
	"blue-green deploys", "canary releases", "read replicas", "event sourcing", "rate limiting",
}

var adrVerbs = []string{"Use", "Adopt", "Move to", "Standardise on", "Introduce", "Retire ad-hoc scripts in favour of", "Pilot"}

var alertKinds = []struct{ name, slug, title string }{
	{"HighLatency", "high-latency", "high latency"},
	{"HighErrorRate", "error-spike", "error spike"},
	{"QueueBacklog", "queue-backlog", "queue backlog"},
	{"CertExpiry", "cert-expiry", "certificate expiry"},
	{"ReplicationLag", "replication-lag", "replication lag"},
	{"DiskFull", "disk-full", "disk filling up"},
	{"MemoryPressure", "memory-pressure", "memory pressure"},
	{"ConsumerLag", "consumer-lag", "consumer lag"},
}

var nouns = []string{
	"rollout", "dashboard", "checklist", "playbook", "rotation", "review", "budget", "migration",
	"runbook", "alert", "baseline", "backlog", "contract", "schema", "pipeline", "quota",
}

var adjectives = []string{
	"small", "reversible", "boring", "observable", "documented", "predictable", "incremental",
	"explicit", "reviewed", "automated", "idempotent", "bounded",
}

var periods = []string{"week", "sprint", "month", "quarter", "release"}

var sentences = []string{
	"We keep every %[1]s %[2]s so that the next person on call can follow it at 3 a.m.",
	"The %[3]s team reviews the %[1]s every %[4]s and records what changed.",
	"Changes to the %[1]s are %[2]s: if one goes wrong, we roll it back before we investigate.",
	"Nobody is blamed for a failed %[1]s; we fix the system that let it fail.",
	"The %[2]s %[1]s beats a clever one, because it is what people actually follow under pressure.",
	"Before you change the %[1]s, check the *%[5]s* dashboard and the last three incidents.",
	"The owner of the %[1]s is written down, and so is the person who covers for them.",
	"We measure the %[1]s once per %[4]s and compare it with the target, never with another team.",
	"When the %[1]s and reality disagree, reality wins and the %[1]s gets a pull request.",
	"Each %[1]s links to the decision that shaped it, so the *why* survives reorganisations.",
	"New engineers pair on their first %[1]s and lead the second one with a reviewer.",
	"If the %[1]s takes longer than a %[4]s, split it into %[2]s steps that each ship alone.",
	"Questions go to `#team-%[6]s`; answers go back into this page.",
	"We prefer `%[7]s` over manual steps, and we say so in the %[1]s itself.",
	"The %[3]s team is paged when the %[1]s breaks, and it has the access to fix it.",
	"Write the %[1]s for the reader who has never seen the service, not for its author.",
}
