//! ISO/IEC 42001:2023 Annex A: the control objectives and the 38 controls, by
//! identifier and short title.

use super::{Control, Objective};

pub const OBJECTIVES: &[Objective] = &[
    Objective {
        id: "A.2",
        title: "Policies related to AI",
    },
    Objective {
        id: "A.3",
        title: "Internal organization",
    },
    Objective {
        id: "A.4",
        title: "Resources for AI systems",
    },
    Objective {
        id: "A.5",
        title: "Assessing impacts of AI systems",
    },
    Objective {
        id: "A.6",
        title: "AI system life cycle",
    },
    Objective {
        id: "A.6.1",
        title: "Management guidance for AI system development",
    },
    Objective {
        id: "A.6.2",
        title: "AI system life cycle",
    },
    Objective {
        id: "A.7",
        title: "Data for AI systems",
    },
    Objective {
        id: "A.8",
        title: "Information for interested parties of AI systems",
    },
    Objective {
        id: "A.9",
        title: "Use of AI systems",
    },
    Objective {
        id: "A.10",
        title: "Third-party and customer relationships",
    },
];

/// The 38 Annex A controls, in Annex A order.
pub const CONTROLS: &[Control] = &[
    Control {
        id: "A.2.2",
        title: "AI policy",
        objective: "A.2",
    },
    Control {
        id: "A.2.3",
        title: "Alignment with other organizational policies",
        objective: "A.2",
    },
    Control {
        id: "A.2.4",
        title: "Review of the AI policy",
        objective: "A.2",
    },
    Control {
        id: "A.3.2",
        title: "AI roles and responsibilities",
        objective: "A.3",
    },
    Control {
        id: "A.3.3",
        title: "Reporting of concerns",
        objective: "A.3",
    },
    Control {
        id: "A.4.2",
        title: "Resource documentation",
        objective: "A.4",
    },
    Control {
        id: "A.4.3",
        title: "Data resources",
        objective: "A.4",
    },
    Control {
        id: "A.4.4",
        title: "Tooling resources",
        objective: "A.4",
    },
    Control {
        id: "A.4.5",
        title: "System and computing resources",
        objective: "A.4",
    },
    Control {
        id: "A.4.6",
        title: "Human resources",
        objective: "A.4",
    },
    Control {
        id: "A.5.2",
        title: "AI system impact assessment process",
        objective: "A.5",
    },
    Control {
        id: "A.5.3",
        title: "Documentation of AI system impact assessments",
        objective: "A.5",
    },
    Control {
        id: "A.5.4",
        title: "Assessing AI system impact on individuals or groups of individuals",
        objective: "A.5",
    },
    Control {
        id: "A.5.5",
        title: "Assessing societal impacts of AI systems",
        objective: "A.5",
    },
    Control {
        id: "A.6.1.2",
        title: "Objectives for responsible development of AI system",
        objective: "A.6.1",
    },
    Control {
        id: "A.6.1.3",
        title: "Processes for responsible AI system design and development",
        objective: "A.6.1",
    },
    Control {
        id: "A.6.2.2",
        title: "AI system requirements and specification",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.3",
        title: "Documentation of AI system design and development",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.4",
        title: "AI system verification and validation",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.5",
        title: "AI system deployment",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.6",
        title: "AI system operation and monitoring",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.7",
        title: "AI system technical documentation",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.8",
        title: "AI system recording of event logs",
        objective: "A.6.2",
    },
    Control {
        id: "A.7.2",
        title: "Data for development and enhancement of AI system",
        objective: "A.7",
    },
    Control {
        id: "A.7.3",
        title: "Acquisition of data",
        objective: "A.7",
    },
    Control {
        id: "A.7.4",
        title: "Quality of data for AI systems",
        objective: "A.7",
    },
    Control {
        id: "A.7.5",
        title: "Data provenance",
        objective: "A.7",
    },
    Control {
        id: "A.7.6",
        title: "Data preparation",
        objective: "A.7",
    },
    Control {
        id: "A.8.2",
        title: "System documentation and information for users",
        objective: "A.8",
    },
    Control {
        id: "A.8.3",
        title: "External reporting",
        objective: "A.8",
    },
    Control {
        id: "A.8.4",
        title: "Communication of incidents",
        objective: "A.8",
    },
    Control {
        id: "A.8.5",
        title: "Information for interested parties",
        objective: "A.8",
    },
    Control {
        id: "A.9.2",
        title: "Processes for responsible use of AI systems",
        objective: "A.9",
    },
    Control {
        id: "A.9.3",
        title: "Objectives for responsible use of AI system",
        objective: "A.9",
    },
    Control {
        id: "A.9.4",
        title: "Intended use of the AI system",
        objective: "A.9",
    },
    Control {
        id: "A.10.2",
        title: "Allocating responsibilities",
        objective: "A.10",
    },
    Control {
        id: "A.10.3",
        title: "Suppliers",
        objective: "A.10",
    },
    Control {
        id: "A.10.4",
        title: "Customers",
        objective: "A.10",
    },
];
