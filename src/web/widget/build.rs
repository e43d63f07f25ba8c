//! Building the widget's DOM: its static markup (tables read by [`super::dom::tree`]),
//! the filters' options that come from the model, and the error box shown in its place.

use super::*;

/// The widget's static markup (see docs/WIDGET.md and [`dom::tree`]), above the parts
/// of [`understood::ABOVE`]. The options that come from the model are added by [`build`].
pub(super) const MARKUP: &str = "
H|los-heading|Search the Local Offer|id=los-heading
form|los-form||role=search|aria-labelledby=los-heading|novalidate
 label|los-label|What help are you looking for?|for=los-q
 p|los-hint|For example: autism, short breaks, EHCP or speech therapy. Results appear as you type.|id=los-hint
 div|los-combo
  input*|los-input||id=los-q|type=text|role=combobox|aria-autocomplete=list|aria-expanded=false|aria-controls=los-listbox|aria-describedby=los-hint|autocomplete=off|autocapitalize=off|spellcheck=false|enterkeyhint=search
  ul*|los-listbox||id=los-listbox|role=listbox|aria-label=Suggestions|hidden
 button*|los-button los-filters-toggle|Filters|type=button|aria-expanded=false|aria-controls=los-filters
 fieldset|los-filters||id=los-filters
  legend|los-legend
   span|los-std|Narrow your results
   span|los-er|Choose what help to show
  div|los-field
   label|los-field-label||for=los-kind
    span|los-std|Type of help
    span|los-er|What kind of help
   select*|los-select||id=los-kind
    option||Any type|value=
  div|los-field
   label|los-field-label||for=los-district
    span|los-std|Area
    span|los-er|Where you live
   select*|los-select||id=los-district
    option||Anywhere|value=
  div|los-field
   label|los-field-label||for=los-age
    span|los-std|Age of your child or young person
    span|los-er|How old your child is
   select*|los-select||id=los-age
    option||Any age|value=
  div|los-field
   label|los-field-label||for=los-need
    span|los-std|Need
    span|los-er|What your child needs help with
   select*|los-select||id=los-need
    option||Any need|value=
    optgroup*|||label=Broad areas of need
    optgroup*|||label=Types of need
 div|los-actions
  button*|los-button los-easy-toggle|Easy read|type=button|aria-pressed=false
  button*|los-button los-list-toggle|My list (0)|type=button|aria-controls=los-list
  button|los-button los-clear||type=button
   span|los-std|Clear search
   span|los-er|Start again
  div|los-rate-field
   label|los-rate-label|Listening speed|for=los-rate
   select*|los-rate||id=los-rate
    option||Normal|value=1
    option||Slower|value=0.75
div*|los-status||role=status|aria-live=polite|aria-atomic=true
div*|los-status||role=status|aria-live=polite|aria-atomic=true
";

/// The results, between [`understood::ABOVE`] and [`understood::BELOW`].
pub(super) const RESULTS: &str = "
H*|los-count||id=los-count|tabindex=-1|hidden
div*|los-empty||hidden
ol*|los-results||aria-label=Results|tabindex=-1
";

/// The family's list, after [`understood::BELOW`]: shown when it holds something or when "My
/// list" is pressed; "Print my list" prints only it (see widget.css).
const LIST: &str = "
section*|los-printout||id=los-list|aria-labelledby=los-printout-title|tabindex=-1|hidden
 H|los-printout-title|My list|id=los-printout-title
 p*|los-list-empty|Nothing is on your list yet. Choose “Add to my list” on a result to keep it here.
 ul*|los-printout-list
 p*|los-list-share
 button|los-button los-print|Print my list|type=button
";

pub(super) fn option(
    doc: &Document,
    parent: &Element,
    value: &str,
    label: &str,
) -> Result<(), JsValue> {
    let o = text_child(doc, parent, "option", "", label)?;
    attr(&o, "value", value)
}

/// Adds the filters' options that come from the model, and the area filter's from the
/// council the index is for ([`Index::council`]: "Anywhere in …" and its areas), to the
/// selects among the elements [`build`] kept.
pub(super) fn fill_options(doc: &Document, kept: &[Element], index: &Index) -> Result<(), JsValue> {
    let [_, _, _, kind, district, age, _, areas, types, ..] = kept else {
        return Err(JsValue::from_str("markup"));
    };
    for k in Kind::ALL {
        option(doc, kind, k.key(), k.label())?;
    }
    if let Some(any) = district.first_element_child() {
        any.set_text_content(Some(&index.council().anywhere()));
    }
    for a in index.areas() {
        option(doc, district, &a.key, &a.label)?;
    }
    for a in 0..=u32::from(MAX_AGE) {
        let value = a.to_string();
        let label = match a {
            0 => "Under 1".to_string(),
            1 => "1 year old".to_string(),
            _ => value.clone() + " years old",
        };
        option(doc, age, &value, &label)?;
    }
    for a in BroadArea::ALL {
        option(doc, areas, a.key(), a.label())?;
    }
    for n in Need::ALL {
        option(doc, types, n.key(), n.label())?;
    }
    Ok(())
}

/// Builds the widget's markup (see docs/WIDGET.md) inside `root`.
pub(super) fn build(
    doc: &Document,
    win: &Window,
    root: &ShadowRoot,
    opts: &Options,
    index: &Index,
) -> Result<Nodes, JsValue> {
    let container = el(doc, "div", "los")?;
    attrs(
        &container,
        &[
            ("data-mode", if opts.kiosk() { "kiosk" } else { "standard" }),
            ("data-view", "standard"),
        ],
    )?;
    let (h, sub) = (opts.heading(0), opts.heading(1));
    let mut kept = Vec::new();
    for (spec, heading) in [
        (MARKUP, h),
        (understood::ABOVE, sub),
        (RESULTS, h),
        (understood::BELOW, h),
        (LIST, h),
    ] {
        dom::tree(doc, &container, spec, heading, &mut kept)?;
    }
    let mut kiosk_kept = Vec::new();
    if opts.kiosk() {
        dom::tree(doc, &container, kiosk::MARKUP, h, &mut kiosk_kept)?;
    }
    fill_options(doc, &kept, index)?;
    root.append_child(&container)?;
    // Nothing can fail from here on (an early return would drop every element one by one).
    let Ok(
        [input, listbox, filters_toggle, kind, district, age, need, _, _, easy_toggle, list_toggle, rate, s0, s1, chips, chip_list, unknown, answer, answer_list, count, empty, results, toggle, toggle_count, region, other_list, more, list_section, list_empty, list_items, list_share],
    ) = <[Element; 31]>::try_from(kept)
    else {
        return Err(JsValue::from_str("markup"));
    };
    let idle = kiosk::Idle::new(kiosk_kept, rate);
    Ok(Nodes {
        doc: doc.clone(),
        win: win.clone(),
        root: root.clone(),
        container,
        input: input.unchecked_into(),
        listbox,
        filters_toggle,
        kind: kind.unchecked_into(),
        district: district.unchecked_into(),
        age: age.unchecked_into(),
        need: need.unchecked_into(),
        easy_toggle,
        status: [s0, s1],
        count,
        results,
        more,
        empty,
        u: understood::Nodes {
            chips,
            chip_list,
            unknown,
            answer,
            answer_list,
            toggle,
            toggle_count,
            region,
            other_list,
        },
        list: ListNodes {
            toggle: list_toggle,
            section: list_section,
            empty: list_empty,
            items: list_items,
            share: list_share,
        },
        idle,
    })
}

/// What [`show_error`] shows (see [`dom::tree`]): the cause goes in the kept paragraph. The
/// council's contact line is added by the element (`element.js`) from the page's
/// `contact-email`: this screen shows when the index, which holds the council, failed.
pub(super) const ERROR: &str = "
div|los los-error||role=alert
 p|los-error-title|Sorry, the Local Offer search is not working at the moment.
 p*|los-error-detail
";

/// Shows a readable error in `root` in place of the widget: the cause, and where else to look.
pub fn show_error(root: &ShadowRoot, message: &str) -> Result<(), JsValue> {
    let (doc, _) = dom::document(root)?;
    clear(root);
    let mut kept = Vec::new();
    dom::tree(&doc, root, ERROR, "", &mut kept)?;
    for p in kept {
        p.set_text_content(Some(message));
    }
    Ok(())
}
