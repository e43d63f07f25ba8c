//! Reading ORUK v1 services (the shape many council directories still publish, such as
//! Bristol's `/services`): typed here, then turned into the 3.0 [`Service`] so that one set of
//! rules (`read_v3.rs`) makes records from both.
//!
//! What v1 adds or names differently: `fees` is free text; `pc_metadata` holds the dates
//! (`date_assured`, `date_modified`); `pc_targetAudience` says who the service is for;
//! `attending_access` how to get it; `deliverable_type` and `attending_type` what kind of
//! activity it is; `eligibilitys` the ages; `service_taxonomys` the taxonomy terms;
//! `regular_schedules` the opening times; `contacts[].phones` and `languages[].language`.

use super::nullable;
use super::read_v3::{
    Area, Attribute, ContactDetails, CostOption, Language, Organization, Phone, Scalar, Schedule,
    Service as V3, ServiceAtLocation, TaxonomyTerm,
};
use serde::Deserialize;

/// An ORUK v1 service.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Service {
    pub id: Option<Scalar>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub status: Option<String>,
    pub fees: Option<String>,
    pub deliverable_type: Option<String>,
    pub attending_type: Option<String>,
    pub attending_access: Option<String>,
    #[serde(rename = "pc_attendingAccess_additionalInfo")]
    pub attending_access_info: Option<String>,
    pub assured_date: Option<String>,
    pub organization: Option<Organization>,
    pub pc_metadata: Option<Metadata>,
    #[serde(rename = "pc_targetAudience", deserialize_with = "nullable")]
    pub target_audience: Vec<Audience>,
    #[serde(deserialize_with = "nullable")]
    pub contacts: Vec<ContactDetails>,
    #[serde(deserialize_with = "nullable")]
    pub service_areas: Vec<Area>,
    #[serde(deserialize_with = "nullable")]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(deserialize_with = "nullable")]
    pub cost_options: Vec<CostOption>,
    #[serde(deserialize_with = "nullable")]
    pub languages: Vec<Language>,
    #[serde(deserialize_with = "nullable")]
    pub regular_schedules: Vec<Schedule>,
    #[serde(deserialize_with = "nullable")]
    pub eligibilitys: Vec<Eligibility>,
    #[serde(deserialize_with = "nullable")]
    pub service_taxonomys: Vec<ServiceTaxonomy>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Metadata {
    pub date_assured: Option<String>,
    pub date_modified: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Audience {
    #[serde(rename = "audienceType")]
    pub audience_type: Option<String>,
    pub id: Option<Scalar>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Eligibility {
    pub eligibility: Option<String>,
    pub minimum_age: Option<Scalar>,
    pub maximum_age: Option<Scalar>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ServiceTaxonomy {
    pub taxonomy: Option<TaxonomyTerm>,
}

/// v1 fields `into_v3` reads, beyond the names 3.0 shares.
const V1_READ: &[&str] = &[
    "deliverable_type",
    "attending_type",
    "attending_access",
    "pc_attendingAccess_additionalInfo",
    "pc_metadata",
    "pc_targetAudience",
    "regular_schedules",
    "eligibilitys",
    "service_taxonomys",
];

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

impl Service {
    /// The same service in 3.0 terms.
    pub fn into_v3(self) -> V3 {
        let meta = self.pc_metadata.unwrap_or_default();
        let mut audiences: Vec<String> = Vec::new();
        for a in &self.target_audience {
            let t = a
                .audience_type
                .as_deref()
                .map(str::trim)
                .unwrap_or_default()
                .to_string();
            if !t.is_empty() && !audiences.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                audiences.push(t);
            }
        }
        let eligibility = self
            .eligibilitys
            .iter()
            .filter_map(|e| text(&e.eligibility))
            .collect::<Vec<_>>()
            .join("; ");
        let ages = self.eligibilitys.first();
        let how = [
            text(&self.attending_access),
            text(&self.attending_access_info),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(". ");
        let activity_words = [text(&self.deliverable_type), text(&self.attending_type)]
            .into_iter()
            .flatten()
            .filter(|w| !w.to_lowercase().starts_with("other"))
            .collect();
        V3 {
            id: self.id,
            name: self.name,
            description: self.description,
            url: self.url,
            email: self.email,
            status: self.status,
            fees_description: self.fees,
            application_process: Some(how).filter(|h| !h.is_empty()),
            eligibility_description: Some(eligibility).filter(|e| !e.is_empty()),
            minimum_age: ages.and_then(|a| a.minimum_age.clone()),
            maximum_age: ages.and_then(|a| a.maximum_age.clone()),
            assured_date: text(&self.assured_date).or(text(&meta.date_assured)),
            last_modified: text(&meta.date_modified),
            phones: Vec::<Phone>::new(),
            contacts: self.contacts,
            service_areas: self.service_areas,
            service_at_locations: self.service_at_locations,
            languages: self.languages,
            schedules: self.regular_schedules,
            cost_options: self.cost_options,
            attributes: self
                .service_taxonomys
                .into_iter()
                .map(|t| Attribute {
                    taxonomy_term: t.taxonomy,
                })
                .collect(),
            organization: self.organization,
            audiences,
            activity_words,
            also_read: V1_READ.to_vec(),
            ..V3::default()
        }
    }
}
