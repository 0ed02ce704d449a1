// FunctionsFetch in Azure: what `azd up` provisions. A resource group holding a Flex Consumption Function App
// (.NET 10 isolated) with a user-assigned managed identity, a storage account reached by that identity only
// (no keys, no connection strings), and Application Insights over Log Analytics (ingestion by Entra ID only).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('The azd environment\'s name; it names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for every resource; it must offer Flex Consumption.')
param location string

@minValue(1)
@maxValue(1000)
@description('Most instances Flex Consumption may scale out to.')
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
@description('Memory per instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(0)
@description('Days a job\'s results and saved bodies are kept; 0 keeps them until the job is purged.')
param resultRetentionDays int = 30

// Every Fetch setting the app reads, with the app's own defaults (tests/FunctionsFetch.Tests/Deployment checks them).

@description('Most URLs one job may hold.')
param fetchMaxUrlsPerJob int = 100000

@description('Largest start-request body, in bytes (413 above it).')
param fetchMaxRequestBytes int = 33554432

@description('Longest URL accepted, in characters.')
param fetchMaxUrlLength int = 2048

@description('Most request headers one job may set (options.headers).')
param fetchMaxRequestHeaders int = 32

@description('Largest total size of a job\'s request header names and values, in UTF-8 bytes.')
param fetchMaxRequestHeaderBytes int = 16384

@description('First retry delay; later ones grow exponentially with jitter.')
param fetchRetryBaseDelayMilliseconds int = 500

@description('Longest wait between attempts, Retry-After included.')
param fetchMaxRetryDelaySeconds int = 30

@description('Longest retry wait a batch sits through; a longer one hands the URL back to a durable timer (0: never).')
param fetchHandBackAfterSeconds int = 5

@description('A batch saves its finished results each time this many are new, so a crash repeats only the rest (0: its batchParallelism).')
param fetchCheckpointResults int = 0

@description('And at least this often while it has new results, in milliseconds (0: by count only).')
param fetchCheckpointMilliseconds int = 1000

@description('A batch\'s checkpoints are at least this far apart, in milliseconds, so fast URLs cost storage a bounded number of writes (0: no spacing).')
param fetchCheckpointMinSpacingMilliseconds int = 250

@description('How long a stopping instance lets its fetches in flight finish, in seconds, before they are cut and fetched again later.')
param fetchDrainSeconds int = 10

@description('Let fetches reach loopback, private and other non-public addresses (cloud metadata stays refused).')
param fetchAllowPrivateNetworks bool = false

@secure()
@description('Local host only (the Functions app uses function keys); kept so every Fetch setting is here.')
param fetchApiKey string = ''

@secure()
@description('The key completion callbacks are signed with (HMAC-SHA256); jobs may ask for a callback only when it is set.')
param fetchCallbackSecret string = ''

@minValue(1)
@maxValue(20)
@description('POSTs of a job\'s completion callback at most, until one is answered 2xx.')
param fetchCallbackMaxAttempts int = 5

@minValue(1)
@maxValue(300)
@description('How long one callback POST may take, in seconds.')
param fetchCallbackTimeoutSeconds int = 30

@description('Fetches in flight to one host from one instance.')
param fetchMaxConcurrencyPerHost int = 8

@description('Show fetched URLs\' query strings in logs and telemetry (they can hold tokens).')
param fetchLogUrlQueries bool = false

@minValue(1)
@maxValue(1440)
@description('Minutes a host\'s robots.txt, once read, is kept per instance (jobs with respectRobots); RFC 9309 asks for at most 24 hours.')
param fetchRobotsCacheMinutes int = 60

@description('Minutes a robots.txt that answered 5xx or could not be reached keeps its host disallowed before it is asked again.')
param fetchRobotsUnavailableMinutes int = 5

@description('Longest Crawl-delay honoured, in seconds (a longer one is cut to this; 0 ignores Crawl-delay).')
param fetchMaxCrawlDelaySeconds int = 10

@description('Default for jobs that leave it out: fetches in flight across the job (its batch shape is planned from it).')
param fetchDefaultsConcurrency int = 50

@description('Default for jobs that leave it out: this job\'s fetches in flight to one host, per instance.')
param fetchDefaultsMaxPerHost int = 8

@description('Default for jobs that leave it out: this job\'s requests per second to one host, per instance (0: no limit).')
param fetchDefaultsMaxRatePerHost int = 0

@description('Default for jobs that leave it out: seconds per attempt.')
param fetchDefaultsTimeoutSeconds int = 30

@description('Default for jobs that leave it out: HTTP attempts per URL and redirect hop.')
param fetchDefaultsMaxAttempts int = 3

@description('Default for jobs that leave it out: largest body read, in bytes.')
param fetchDefaultsMaxBodyBytes int = 10485760

@description('Default for jobs that leave it out: redirects followed.')
param fetchDefaultsMaxRedirects int = 5

@description('Default for jobs that leave it out: failed URLs (percent) past which a job stops.')
param fetchDefaultsToleratedFailurePercent int = 100

@description('Default for jobs that leave it out: store each body as a blob.')
param fetchDefaultsSaveBodies bool = false

@description('Most a job may ask for: fetches in flight across the job.')
param fetchLimitsConcurrency int = 1000

@description('Most a job may ask for: fetches in flight to one host, per instance.')
param fetchLimitsMaxPerHost int = 1000

@description('Most a job may ask for: requests per second to one host, per instance.')
param fetchLimitsMaxRatePerHost int = 1000

@description('Default for jobs that leave it out: obey each host\'s robots.txt.')
param fetchDefaultsRespectRobots bool = false

@allowed([
  'GET'
  'HEAD'
])
@description('Default for jobs that leave it out: the request method (HEAD: status and headers only). No limit: jobs may use either.')
param fetchDefaultsMethod string = 'GET'

@description('Most a job may ask for: URLs per batch activity.')
param fetchLimitsBatchSize int = 1000

@description('Most a job may ask for: fetches in flight inside one batch.')
param fetchLimitsBatchParallelism int = 256

@description('Most a job may ask for: batches of one job in flight at once.')
param fetchLimitsMaxParallelBatches int = 1000

@description('Most a job may ask for: seconds per attempt.')
param fetchLimitsTimeoutSeconds int = 300

@description('Most a job may ask for: HTTP attempts per URL and redirect hop.')
param fetchLimitsMaxAttempts int = 10

@description('Most a job may ask for: largest body read, in bytes.')
param fetchLimitsMaxBodyBytes int = 104857600

@description('Most a job may ask for: redirects followed.')
param fetchLimitsMaxRedirects int = 20

@description('Most a job may ask for: failed URLs (percent) past which a job stops.')
param fetchLimitsToleratedFailurePercent int = 100

@description('Most a job may ask for: store each body as a blob.')
param fetchLimitsSaveBodies bool = true

@description('Most a job may ask for: obey each host\'s robots.txt (false forbids asking).')
param fetchLimitsRespectRobots bool = true

@description('Hosts, addresses or CIDR ranges (each with an optional :port) fetches may reach although non-public.')
param fetchAllowedTargets string[] = []

var tags = { 'azd-env-name': environmentName }
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

// App settings are strings; the Functions host maps Fetch__A__B to the configuration key Fetch:A:B.
var fetchSettings = union({
  Fetch__MaxUrlsPerJob: string(fetchMaxUrlsPerJob)
  Fetch__MaxRequestBytes: string(fetchMaxRequestBytes)
  Fetch__MaxUrlLength: string(fetchMaxUrlLength)
  Fetch__MaxRequestHeaders: string(fetchMaxRequestHeaders)
  Fetch__MaxRequestHeaderBytes: string(fetchMaxRequestHeaderBytes)
  Fetch__RetryBaseDelayMilliseconds: string(fetchRetryBaseDelayMilliseconds)
  Fetch__MaxRetryDelaySeconds: string(fetchMaxRetryDelaySeconds)
  Fetch__HandBackAfterSeconds: string(fetchHandBackAfterSeconds)
  Fetch__CheckpointResults: string(fetchCheckpointResults)
  Fetch__CheckpointMilliseconds: string(fetchCheckpointMilliseconds)
  Fetch__CheckpointMinSpacingMilliseconds: string(fetchCheckpointMinSpacingMilliseconds)
  Fetch__DrainSeconds: string(fetchDrainSeconds)
  Fetch__AllowPrivateNetworks: fetchAllowPrivateNetworks ? 'true' : 'false'
  Fetch__ApiKey: fetchApiKey
  Fetch__CallbackSecret: fetchCallbackSecret
  Fetch__CallbackMaxAttempts: string(fetchCallbackMaxAttempts)
  Fetch__CallbackTimeoutSeconds: string(fetchCallbackTimeoutSeconds)
  Fetch__MaxConcurrencyPerHost: string(fetchMaxConcurrencyPerHost)
  Fetch__LogUrlQueries: fetchLogUrlQueries ? 'true' : 'false'
  Fetch__Defaults__Concurrency: string(fetchDefaultsConcurrency)
  Fetch__Defaults__MaxPerHost: string(fetchDefaultsMaxPerHost)
  Fetch__Defaults__MaxRatePerHost: string(fetchDefaultsMaxRatePerHost)
  Fetch__RobotsCacheMinutes: string(fetchRobotsCacheMinutes)
  Fetch__RobotsUnavailableMinutes: string(fetchRobotsUnavailableMinutes)
  Fetch__MaxCrawlDelaySeconds: string(fetchMaxCrawlDelaySeconds)
  Fetch__Defaults__TimeoutSeconds: string(fetchDefaultsTimeoutSeconds)
  Fetch__Defaults__MaxAttempts: string(fetchDefaultsMaxAttempts)
  Fetch__Defaults__MaxBodyBytes: string(fetchDefaultsMaxBodyBytes)
  Fetch__Defaults__MaxRedirects: string(fetchDefaultsMaxRedirects)
  Fetch__Defaults__ToleratedFailurePercent: string(fetchDefaultsToleratedFailurePercent)
  Fetch__Defaults__SaveBodies: fetchDefaultsSaveBodies ? 'true' : 'false'
  Fetch__Limits__Concurrency: string(fetchLimitsConcurrency)
  Fetch__Limits__MaxPerHost: string(fetchLimitsMaxPerHost)
  Fetch__Limits__MaxRatePerHost: string(fetchLimitsMaxRatePerHost)
  Fetch__Defaults__RespectRobots: fetchDefaultsRespectRobots ? 'true' : 'false'
  Fetch__Defaults__Method: fetchDefaultsMethod
  Fetch__Limits__BatchSize: string(fetchLimitsBatchSize)
  Fetch__Limits__BatchParallelism: string(fetchLimitsBatchParallelism)
  Fetch__Limits__MaxParallelBatches: string(fetchLimitsMaxParallelBatches)
  Fetch__Limits__TimeoutSeconds: string(fetchLimitsTimeoutSeconds)
  Fetch__Limits__MaxAttempts: string(fetchLimitsMaxAttempts)
  Fetch__Limits__MaxBodyBytes: string(fetchLimitsMaxBodyBytes)
  Fetch__Limits__MaxRedirects: string(fetchLimitsMaxRedirects)
  Fetch__Limits__ToleratedFailurePercent: string(fetchLimitsToleratedFailurePercent)
  Fetch__Limits__SaveBodies: fetchLimitsSaveBodies ? 'true' : 'false'
  Fetch__Limits__RespectRobots: fetchLimitsRespectRobots ? 'true' : 'false'
}, toObject(range(0, length(fetchAllowedTargets)), i => 'Fetch__AllowedTargets__${i}', i => fetchAllowedTargets[i]))

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
    dataPrincipalId: identity.outputs.principalId
    resultRetentionDays: resultRetentionDays
  }
}

module functionApp 'modules/function-app.bicep' = {
  scope: resourceGroup
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    fetchSettings: fetchSettings
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.name
