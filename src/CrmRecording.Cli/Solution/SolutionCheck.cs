namespace CrmRecording.Cli.Solution;

/// <summary>Every check a source must pass before it is packed; each adds the problems it finds.</summary>
internal static class SolutionCheck
{
    public static void Run(SolutionSource source, SourceCatalog catalog, PacConfig config, IReadOnlyList<GeneratedStep> steps, List<SourceProblem> problems)
    {
        ManifestCheck.Run(source, config.Identity, config.Path, problems);
        CustomizationsCheck.Run(source, problems);
        EntityCheck.Run(source, catalog, config.Identity, problems);
        RelationshipCheck.Run(source, catalog, problems);
        OptionSetCheck.Run(source, config.Identity, problems);
        RoleCheck.Run(source, catalog, config.Identity, problems);
        WebResourceCheck.Run(source, config.Identity, problems);
        ViewCheck.Run(source, catalog, config.Identity, problems);
        FormCheck.Run(source, catalog, config.Identity, problems);
        ChartCheck.Run(source, catalog, config.Identity, problems);
        DashboardCheck.Run(source, catalog, problems);
        RibbonCheck.Run(source, catalog, problems);
        ServiceEndpointCheck.Run(source, catalog, config, problems);
        EnvironmentVariableCheck.Run(source, config.Identity, problems);
        StepCheck.Run(source, catalog, config.Identity, steps, problems);
        RootComponentCheck.Run(source, catalog, problems);
    }
}
