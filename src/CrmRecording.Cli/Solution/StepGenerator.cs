using System.Globalization;
using System.Xml.Linq;
using CrmRecording.Plugins.Registration;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Turns the plugins' declarations (<c>PluginCatalog.Registrations</c>) into the solution's steps: each one a
/// webhook step whose event handler is the media service's service endpoint. Ids are name-based, so a step
/// keeps its id from pack to pack and an import updates it in place.
/// </summary>
internal static class StepGenerator
{
    /// <summary>Object type code of serviceendpoint: the event handler is a service endpoint, not a plug-in type (4602).</summary>
    public const int ServiceEndpointTypeCode = 4618;

    private const string IntroducedVersion = "1.0.0.0";

    public static Guid StepId(string registrationName) => NameBasedGuid.Create(NameBasedGuid.SolutionNamespace, registrationName);

    public static Guid ImageId(string registrationName, string imageName) =>
        NameBasedGuid.Create(NameBasedGuid.SolutionNamespace, $"{registrationName}/image/{imageName}");

    public static IReadOnlyList<GeneratedStep> Generate(IEnumerable<StepRegistration> registrations, Guid serviceEndpointId) =>
        [.. registrations.Select(r => new GeneratedStep(r, StepId(r.Name), Step(r, serviceEndpointId)))];

    // Child elements follow the xs:sequence of sdkmessageprocessingsteptype in CustomizationsSolution.xsd.
    private static XElement Step(StepRegistration r, Guid handler) => new(
        "SdkMessageProcessingStep",
        new XAttribute("Name", r.Name),
        new XAttribute("SdkMessageProcessingStepId", SolutionXml.Braced(StepId(r.Name))),
        new XElement("PrimaryEntity", r.Table),
        // Succeeded async jobs are deleted; failed ones stay as system jobs for the admin to see.
        new XElement("AsyncAutoDelete", r.Mode == StepMode.Asynchronous ? 1 : 0),
        new XElement("Description", r.Description),
        r.FilteringAttributes.Count > 0 ? new XElement("FilteringAttributes", string.Join(',', r.FilteringAttributes)) : null,
        new XElement("InvocationSource", 0),
        new XElement("Mode", (int)r.Mode),
        new XElement("Rank", 1),
        new XElement("SdkMessageId", SdkMessages.IdOf(r.Message) is { } message ? SolutionXml.Braced(message) : r.Message),
        new XElement("EventHandler", SolutionXml.Braced(handler)),
        new XElement("EventHandlerTypeCode", ServiceEndpointTypeCode),
        new XElement("Stage", ((int)r.Stage).ToString(CultureInfo.InvariantCulture)),
        new XElement("IsCustomizable", 1),
        new XElement("IsHidden", 0),
        new XElement("SupportedDeployment", 0),
        new XElement("IntroducedVersion", IntroducedVersion),
        new XElement("SdkMessageProcessingStepImages", r.Images.Select(i => Image(r, i))));

    private static XElement Image(StepRegistration r, StepImage image) => new(
        "SdkMessageProcessingStepImage",
        new XAttribute("Name", image.Name),
        new XElement("SdkMessageProcessingStepImageId", SolutionXml.Braced(ImageId(r.Name, image.Name))),
        new XElement("Attributes", string.Join(',', image.Attributes)),
        new XElement("EntityAlias", image.Name),
        new XElement("ImageType", image.Post ? 1 : 0),
        // The message property the image is taken of: Target for Update, Id for Create.
        new XElement("MessagePropertyName", string.Equals(r.Message, "Create", StringComparison.OrdinalIgnoreCase) ? "Id" : "Target"),
        new XElement("IsCustomizable", 1),
        new XElement("IntroducedVersion", IntroducedVersion));
}
