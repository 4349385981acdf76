//! The lines of the console yearly report (`src/io/report/text.rs`) from
//! the catalogues.

use super::i18n::t;
use crate::io::report::{Line, ReportTexts};

/// The catalogue's words for report [`Line`]s.
pub(crate) struct Catalogue;

impl ReportTexts for Catalogue {
    fn line(&self, line: &Line) -> String {
        match line {
            Line::Heading { year } => t!("report-text-heading", year = year),
            Line::NothingDrawn { year } => t!("report-text-nothing-drawn", year = year),
            Line::Campaigns {
                year,
                counted,
                voided,
                not_drawn,
            } => t!(
                "report-text-campaigns",
                year = year,
                counted = counted,
                voided = voided,
                not_drawn = not_drawn
            ),
            Line::Visits {
                visits,
                entities,
                visits_with_results,
                entities_with_results,
                joint_visits,
                department_checks,
            } => t!(
                "report-text-visits",
                visits = visits,
                entities = entities,
                visits_with_results = visits_with_results,
                entities_with_results = entities_with_results,
                joint_visits = joint_visits,
                department_checks = department_checks
            ),
            Line::VisitedMoreThanOnce {
                entities,
                max_visits,
            } => t!(
                "report-text-visited-more-than-once",
                entities = entities,
                max_visits = max_visits
            ),
            Line::Results {
                year,
                results,
                published,
                later,
            } => t!(
                "report-text-results",
                year = year,
                results = results,
                published = published,
                later = later
            ),
            Line::ByCreditClass => t!("report-text-by-credit-class"),
            Line::CreditClass {
                class,
                entities,
                entities_with_results,
                visits,
                visits_with_results,
            } => t!(
                "report-text-credit-class",
                class = class,
                entities = entities,
                entities_with_results = entities_with_results,
                visits = visits,
                visits_with_results = visits_with_results
            ),
            Line::ByDepartment => t!("report-text-by-department"),
            Line::Department {
                department,
                entities,
                entities_with_results,
                officers_with_visits,
                officers,
                min,
                median,
                max,
            } => t!(
                "report-text-department",
                department = department,
                entities = entities,
                entities_with_results = entities_with_results,
                officers_with_visits = officers_with_visits,
                officers = officers,
                min = min,
                median = median,
                max = max
            ),
            Line::CampaignList => t!("report-text-campaign-list"),
            Line::Campaign {
                id,
                draw_date,
                targets,
                targets_with_results,
                results,
                results_published,
                list_published,
            } => t!(
                "report-text-campaign",
                id = id,
                draw_date = draw_date,
                targets = targets,
                targets_with_results = targets_with_results,
                results = results,
                results_published = results_published,
                list = if *list_published { "yes" } else { "no" }
            ),
        }
    }
}
