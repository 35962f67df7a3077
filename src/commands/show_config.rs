//! `hactl show-config [CLUSTER]`: the dynamic configuration in the DCS, as patronictl shows it.

use crate::commands::ErrorFormat;
use crate::commands::args::{ClusterArg, GroupArg};
use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::ui::Ui;
use clap::{Args, ValueEnum};
use hactl::dynamic_config;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// patronictl's YAML (yaml.safe_dump, sorted keys)
    #[value(alias = "yml")]
    Yaml,
    /// The configuration as JSON, as stored in the DCS
    Json,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl show-config
  hactl show-config demo -f json")]
pub struct ShowConfigArgs {
    #[command(flatten)]
    pub cluster: ClusterArg,
    #[command(flatten)]
    pub group: GroupArg,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = ShowFormat::Yaml)]
    pub format: ShowFormat,
}

impl ErrorFormat for ShowConfigArgs {
    fn json_errors(&self) -> bool {
        self.format == ShowFormat::Json
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &ShowConfigArgs) -> CommandResult {
    let name = ctx.cluster_name(&args.cluster.cluster_name)?;
    let read = ctx.read_cluster_group(&name, args.group.value).await?;
    let config = dynamic_config::current_config(&read)?;
    if let Some(unreadable) = &config.unreadable {
        let group = args.group.value.map(|g| format!(" --group {g}")).unwrap_or_default();
        ui.warn(&unreadable.shown_as_empty(&format!("hactl edit-config {name}{group}")));
    }
    match args.format {
        ShowFormat::Yaml => ui.out(&dynamic_config::show_config_text(&config.data))?,
        ShowFormat::Json => {
            ui.out(&(hactl::pyfmt::json_dumps(&serde_json::Value::Object(config.data.clone())) + "\n"))?
        }
    }
    Ok(())
}
