// Log Analytics and a workspace-based Application Insights that accepts telemetry signed by Entra ID only.
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object

@description('The app\'s identity, allowed to publish telemetry.')
param publisherPrincipalId string

// Built-in role: Monitoring Metrics Publisher.
var metricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // No instrumentation-key ingestion: the app authenticates with its managed identity.
    DisableLocalAuth: true
  }
}

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, publisherPrincipalId, metricsPublisherRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisherRoleId)
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = applicationInsights.name

// A connection string names the resource; with local auth disabled it grants nothing by itself.
output connectionString string = applicationInsights.properties.ConnectionString
