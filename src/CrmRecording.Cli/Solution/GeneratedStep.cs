using System.Xml.Linq;
using CrmRecording.Plugins.Registration;

namespace CrmRecording.Cli.Solution;

/// <summary>One sdkmessageprocessingstep generated from a <see cref="StepRegistration"/>, as SolutionPackager would store it in SdkMessageProcessingSteps/{id}.xml.</summary>
internal sealed record GeneratedStep(StepRegistration Registration, Guid Id, XElement Xml)
{
    public string FileName => $"SdkMessageProcessingSteps/{SolutionXml.Braced(Id)}.xml";
}
