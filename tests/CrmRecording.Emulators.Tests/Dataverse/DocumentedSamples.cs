namespace CrmRecording.Emulators.Tests.Dataverse;

/// <summary>Microsoft's documented payloads, verbatim, that the stand-in's output is compared with.</summary>
internal static class DocumentedSamples
{
    /// <summary>
    /// The webhook body in "Use WebHooks to create external handlers for server events" (Microsoft Learn,
    /// powerapps-docs use-webhooks.md): an asynchronous PostOperation step on Update of contact.
    /// </summary>
    public const string ContactUpdateWebhookBody = """
        {
            "BusinessUnitId": "e2b9dd85-e89e-e711-8122-000d3aa2331c",
            "CorrelationId": "b374239d-4233-41a9-8b17-a86cb4f737b5",
            "Depth": 1,
            "InitiatingUserId": "75c2dd85-e89e-e711-8122-000d3aa2331c",
            "InputParameters": [{
                "key": "Target",
                "value": {
                    "__type": "Entity:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
                    "Attributes": [{
                        "key": "firstname",
                        "value": "James"
                    }, {
                        "key": "contactid",
                        "value": "6d81597f-0f9f-e711-8122-000d3aa2331c"
                    }, {
                        "key": "fullname",
                        "value": "James Glynn (sample)"
                    }, {
                        "key": "yomifullname",
                        "value": "James Glynn (sample)"
                    }, {
                        "key": "modifiedon",
                        "value": "\/Date(1506384247000)\/"
                    }, {
                        "key": "modifiedby",
                        "value": {
                            "__type": "EntityReference:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
                            "Id": "75c2dd85-e89e-e711-8122-000d3aa2331c",
                            "KeyAttributes": [],
                            "LogicalName": "systemuser",
                            "Name": null,
                            "RowVersion": null
                        }
                    }, {
                        "key": "modifiedonbehalfby",
                        "value": null
                    }],
                    "EntityState": null,
                    "FormattedValues": [],
                    "Id": "6d81597f-0f9f-e711-8122-000d3aa2331c",
                    "KeyAttributes": [],
                    "LogicalName": "contact",
                    "RelatedEntities": [],
                    "RowVersion": null
                }
            }],
            "IsExecutingOffline": false,
            "IsInTransaction": false,
            "IsOfflinePlayback": false,
            "IsolationMode": 1,
            "MessageName": "Update",
            "Mode": 1,
            "OperationCreatedOn": "\/Date(1506409448000-0700)\/",
            "OperationId": "4af10637-4ea2-e711-8122-000d3aa2331c",
            "OrganizationId": "4ef5b371-e89e-e711-8122-000d3aa2331c",
            "OrganizationName": "OrgName",
            "OutputParameters": [],
            "OwningExtension": {
                "Id": "75417616-4ea2-e711-8122-000d3aa2331c",
                "KeyAttributes": [],
                "LogicalName": "sdkmessageprocessingstep",
                "Name": null,
                "RowVersion": null
            },
            "ParentContext": {
                "BusinessUnitId": "e2b9dd85-e89e-e711-8122-000d3aa2331c",
                "CorrelationId": "b374239d-4233-41a9-8b17-a86cb4f737b5",
                "Depth": 1,
                "InitiatingUserId": "75c2dd85-e89e-e711-8122-000d3aa2331c",
                "InputParameters": [{
                    "key": "Target",
                    "value": {
                        "__type": "Entity:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
                        "Attributes": [{
                            "key": "firstname",
                            "value": "James"
                        }, {
                            "key": "contactid",
                            "value": "6d81597f-0f9f-e711-8122-000d3aa2331c"
                        }],
                        "EntityState": null,
                        "FormattedValues": [],
                        "Id": "6d81597f-0f9f-e711-8122-000d3aa2331c",
                        "KeyAttributes": [],
                        "LogicalName": "contact",
                        "RelatedEntities": [],
                        "RowVersion": null
                    }
                }, {
                    "key": "SuppressDuplicateDetection",
                    "value": false
                }],
                "IsExecutingOffline": false,
                "IsInTransaction": false,
                "IsOfflinePlayback": false,
                "IsolationMode": 1,
                "MessageName": "Update",
                "Mode": 1,
                "OperationCreatedOn": "\/Date(1506409448000-0700)\/",
                "OperationId": "4af10637-4ea2-e711-8122-000d3aa2331c",
                "OrganizationId": "4ef5b371-e89e-e711-8122-000d3aa2331c",
                "OrganizationName": "OneFarm",
                "OutputParameters": [],
                "OwningExtension": {
                    "Id": "75417616-4ea2-e711-8122-000d3aa2331c",
                    "KeyAttributes": [],
                    "LogicalName": "sdkmessageprocessingstep",
                    "Name": null,
                    "RowVersion": null
                },
                "ParentContext": null,
                "PostEntityImages": [],
                "PreEntityImages": [],
                "PrimaryEntityId": "6d81597f-0f9f-e711-8122-000d3aa2331c",
                "PrimaryEntityName": "contact",
                "RequestId": null,
                "SecondaryEntityName": "none",
                "SharedVariables": [{
                    "key": "ChangedEntityTypes",
                    "value": [{
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "feedback",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "contract",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "salesorder",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "connection",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "socialactivity",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "postfollow",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "incident",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "invoice",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "entitlement",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "lead",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "opportunity",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "quote",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "socialprofile",
                        "value": "Update"
                    }, {
                        "__type": "KeyValuePairOfstringstring:#System.Collections.Generic",
                        "key": "contact",
                        "value": "Update"
                    }]
                }],
                "Stage": 30,
                "UserId": "75c2dd85-e89e-e711-8122-000d3aa2331c"
            },
            "PostEntityImages": [{
                "key": "AsynchronousStepPrimaryName",
                "value": {
                    "Attributes": [{
                        "key": "fullname",
                        "value": "James Glynn (sample)"
                    }, {
                        "key": "contactid",
                        "value": "6d81597f-0f9f-e711-8122-000d3aa2331c"
                    }],
                    "EntityState": null,
                    "FormattedValues": [],
                    "Id": "6d81597f-0f9f-e711-8122-000d3aa2331c",
                    "KeyAttributes": [],
                    "LogicalName": "contact",
                    "RelatedEntities": [],
                    "RowVersion": null
                }
            }],
            "PreEntityImages": [],
            "PrimaryEntityId": "6d81597f-0f9f-e711-8122-000d3aa2331c",
            "PrimaryEntityName": "contact",
            "RequestId": null,
            "SecondaryEntityName": "none",
            "SharedVariables": [],
            "Stage": 40,
            "UserId": "75c2dd85-e89e-e711-8122-000d3aa2331c"
        }
        """;

    /// <summary>The error with annotations in "Compose HTTP requests and handle errors" (plug-in error on Create of account).</summary>
    public const string WebApiErrorWithAnnotations = """
        {
            "error": {
                "code": "0x80040265",
                "message": "Example Error Message.",
                "@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus": "1",
                "@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode": "12345",
                "@Microsoft.PowerApps.CDS.HelpLink": "http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a80040265&client=platform",
                "@Microsoft.PowerApps.CDS.TraceText": "\r\n[MyNamespace: MyNamespace.MyClass ]\r\n[52e2dbb9-85d3-ea11-a812-000d3a122b89: MyNamespace.MyClass : Create of account] \r\n\r\n Entering MyClass plug-in.\r\nStackTrace:\r\n   at MyNamespace.MyClass.Execute(IServiceProvider serviceProvider)\r\n\r\n",
                "@Microsoft.PowerApps.CDS.InnerError.Message": "Example Error Message."
            }
        }
        """;
}
