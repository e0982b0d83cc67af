import type { CodeSystem } from '../maps.js';

/**
 * Known open-data schemas. A preset applies when every name in `match` is in
 * the header; the first preset that applies wins. Adding a city is adding an
 * entry here (and a trimmed sample in fixtures/ with a test).
 */
export interface Preset {
  name: string;
  description: string;
  /** Header names that identify the schema (all must be present, exact spelling). */
  match: readonly string[];
  date: string;
  offense: string;
  area?: string;
  /** The column that identifies an incident, when rows can repeat one (suggested, not applied). */
  id?: string;
  /** Why a choice was made, printed by `inspect`. */
  note?: string;
  /**
   * The city's time zone: dates that carry a UTC offset are counted as days
   * of this zone unless --tz says otherwise (`--tz as-written` keeps the
   * stamps' own day).
   */
  zone?: string;
  /** Columns holding standard offense codes, read by the built-in maps (first present wins). */
  codes?: readonly { column: string; system: CodeSystem }[];
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'chicago',
    description: 'Chicago PD "Crimes - 2001 to present"',
    match: ['Case Number', 'Date', 'Primary Type', 'IUCR'],
    date: 'Date',
    offense: 'Primary Type',
    area: 'District',
    id: 'ID',
    codes: [{ column: 'FBI Code', system: 'chicago-fbi' }],
  },
  {
    name: 'lapd',
    description: 'LAPD "Crime Data from 2020 to Present"',
    match: ['DR_NO', 'DATE OCC', 'Crm Cd Desc'],
    date: 'DATE OCC',
    offense: 'Crm Cd Desc',
    area: 'AREA NAME',
    id: 'DR_NO',
  },
  {
    name: 'nypd-complaints',
    description: 'NYPD complaint data (historic / year to date)',
    match: ['CMPLNT_NUM', 'CMPLNT_FR_DT', 'OFNS_DESC'],
    date: 'CMPLNT_FR_DT',
    offense: 'OFNS_DESC',
    area: 'BORO_NM',
    id: 'CMPLNT_NUM',
  },
  {
    name: 'nypd-hate-crimes',
    description: 'NYPD hate crimes',
    match: ['Full Complaint ID', 'Record Create Date', 'Offense Description'],
    date: 'Record Create Date',
    offense: 'Offense Description',
    area: 'Patrol Borough Name',
    id: 'Full Complaint ID',
  },
  {
    name: 'sf',
    description: 'San Francisco PD incident reports, 2018 to present (Incident Datetime export)',
    match: ['Incident Datetime', 'Incident Category'],
    date: 'Incident Datetime',
    offense: 'Incident Category',
    area: 'Police District',
    id: 'Incident ID',
  },
  {
    name: 'sf-date-time',
    description: 'San Francisco PD incident reports with separate Incident Date and Incident Time',
    match: ['Incident Date', 'Incident Time', 'Incident Category'],
    date: 'Incident Date',
    offense: 'Incident Category',
    area: 'Police District',
    id: 'Incident ID',
  },
  {
    name: 'seattle',
    description: 'Seattle PD "SPD Crime Data: 2008-Present" (NIBRS)',
    match: ['Offense Start DateTime', 'Offense Parent Group'],
    date: 'Offense Start DateTime',
    offense: 'Offense Parent Group',
    area: 'Precinct',
    id: 'Offense ID',
    codes: [{ column: 'Offense Code', system: 'nibrs' }],
  },
  {
    name: 'sacramento-2006',
    description: 'Sacramento PD sample "crime January 2006"',
    match: ['cdatetime', 'crimedescr'],
    date: 'cdatetime',
    offense: 'crimedescr',
    area: 'district',
  },
  {
    name: 'sacramento',
    description: 'Sacramento PD RMS export (Occurence_Date)',
    match: ['Occurence_Date', 'Offense_Category'],
    date: 'Occurence_Date',
    offense: 'Offense_Category',
    area: 'Police_District',
    id: 'Record_ID',
    zone: 'America/Los_Angeles',
    note: 'Occurence_Date is in UTC (+00); its days are counted in America/Los_Angeles (--tz as-written keeps the UTC day)',
  },
  {
    name: 'atlanta-cobra',
    description: 'Atlanta PD COBRA Part I files (old and new RMS)',
    match: ['offense_id', 'occur_date', 'UC2_Literal'],
    date: 'occur_date',
    offense: 'UC2_Literal',
    area: 'neighborhood',
    id: 'offense_id',
    codes: [
      { column: 'ibr_code', system: 'nibrs' },
      { column: 'UCR_Number', system: 'ucr-hundreds' },
    ],
  },
  {
    name: 'police-uk',
    description: 'data.police.uk street-level crime (monthly)',
    match: ['Crime ID', 'Month', 'Crime type'],
    date: 'Month',
    offense: 'Crime type',
    area: 'LSOA name',
    id: 'Crime ID',
  },
  {
    name: 'philadelphia',
    description: 'Philadelphia PD crime incidents (OpenDataPhilly/CARTO)',
    match: ['dispatch_date_time', 'dispatch_date', 'text_general_code'],
    date: 'dispatch_date',
    offense: 'text_general_code',
    area: 'dc_dist',
    id: 'objectid',
    note: 'dispatch_date is the local date; dispatch_date_time is UTC',
    codes: [{ column: 'ucr_general', system: 'ucr-hundreds' }],
  },
  {
    name: 'davis',
    description: 'Davis PD (CA) Citizen RIMS crime list',
    match: ['DateOpened', 'Group', 'CaseNumber'],
    date: 'DateOpened',
    offense: 'Group',
    id: 'CaseNumber',
  },
  {
    name: 'nibrs',
    description: 'NIBRS-style incident/offense extract (FBI CDE column names: incident_date, offense_code)',
    match: ['incident_date', 'offense_code'],
    date: 'incident_date',
    offense: 'offense_code',
    id: 'incident_id',
    codes: [{ column: 'offense_code', system: 'nibrs' }],
    note: 'offense_code holds NIBRS codes (13A, 240, …): add --map nibrs for offense names',
  },
];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** The first preset whose `match` names are all in the header. */
export function matchPreset(header: readonly string[]): Preset | undefined {
  const names = new Set(header);
  return PRESETS.find((p) => p.match.every((n) => names.has(n)));
}
