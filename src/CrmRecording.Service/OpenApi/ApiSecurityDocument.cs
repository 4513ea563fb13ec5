using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CrmRecording.Service.OpenApi;

/// <summary>
/// The OpenAPI document says how callers authenticate and how they can be refused: a <c>Bearer</c> (JWT) security
/// scheme, required by every operation that needs a signed-in caller, each of which also lists 401 (no or bad token)
/// and 403 (not allowed); every operation on a resource by id lists 404, and every <c>/api</c> operation 503 (a store
/// or the CRM is unavailable). All as problem details, like the answers themselves.
/// </summary>
internal static class ApiSecurityDocument
{
    public const string Scheme = "Bearer";

    public static OpenApiOptions AddApiSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from a trusted issuer (Auth:Issuers: Entra ID in production), or a page token from the service's sign-in; in the sandbox, POST /sandbox/token.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var path = "/" + (context.Description.RelativePath ?? string.Empty);
            operation.Responses ??= new OpenApiResponses();
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
                Add(operation, "401", "No bearer token, or one that is not valid (a generic challenge; the reason is in the service's log).");
                Add(operation, "403", "The caller is not allowed this (not the call's rep or manager, or without the recording role).");
            }

            if (path.Contains("{id}", StringComparison.Ordinal))
            {
                Add(operation, "404", "No such resource.");
            }

            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                Add(operation, "503", "A store or the CRM is unavailable; nothing was changed. Try again in a moment.");
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static void Add(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType() },
        };
    }
}
