// The task hub's and the results' storage account: reachable with Entra ID only (shared keys off), and the
// app's identity holds exactly the data roles the Functions host, Durable Functions and the results need.
param name string
param location string
param tags object

@description('Blob container Flex Consumption deploys the app package to.')
param deploymentContainerName string

@description('The app\'s identity.')
param dataPrincipalId string

@description('Days a job\'s results and saved bodies are kept in fetch-results after they were written; 0 keeps them until the job is purged.')
@minValue(0)
param resultRetentionDays int

// Built-in roles: Storage Blob Data Owner (host leases, results, deployment package),
// Storage Queue Data Contributor (Durable control and work-item queues),
// Storage Table Data Contributor (Durable history and instances tables).
var dataRoleIds = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }

  resource blobs 'blobServices' = {
    name: 'default'

    resource deployment 'containers' = {
      name: deploymentContainerName
    }
  }
}

// The retention setting: the Functions app's Durable purge API removes a job's history but not its blobs,
// so a lifecycle rule deletes results and bodies once they are old enough.
resource retention 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = if (resultRetentionDays > 0) {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'fetch-results-retention'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ 'fetch-results/' ]
            }
            actions: {
              baseBlob: {
                delete: { daysAfterModificationGreaterThan: resultRetentionDays }
              }
            }
          }
        }
      ]
    }
  }
}

resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in dataRoleIds: {
  scope: account
  name: guid(account.id, dataPrincipalId, roleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

output name string = account.name
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
