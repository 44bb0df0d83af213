import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsString, Matches, MaxLength } from 'class-validator';
import { ACCESS_REASON_MAX_LENGTH } from '@whistle/intake-domain';
import { NOT_BLANK } from './case-commands.request.dto';

/** Where the read in full went: the GET that once took `?reason=` names it in its refusal. */
export const DISCLOSURE_PATH = 'POST /api/intake/cases/{caseId}/reporter/disclosures';

/**
 * `GET /api/intake/cases/{caseId}/reporter`, the masked read. A read in full records an access, so
 * it is a POST: a GET a client re-sends (on a token refresh, a reload, a prefetch) would record one
 * each time. A `reason` here is refused rather than ignored, so that a client written for the old
 * read learns where the read in full went instead of showing masked data as if it were all.
 */
export class ReporterReadRequest {
  // Not in the API document: the masked read takes no parameter; this only names the refusal.
  @Equals(undefined, { message: `reason is not taken here (this read is masked): read the reporter in full with ${DISCLOSURE_PATH}, the reason in its body` })
  reason?: unknown;
}

/**
 * `POST /api/intake/cases/{caseId}/reporter/disclosures`: why the caller reads the reporter in full
 * (个人信息查阅事由). Empty or blank is refused, so a form that sent nothing is not mistaken for a reason.
 */
export class ReporterDisclosureRequest {
  @ApiProperty({
    example: '回访核实反映人联系方式',
    maxLength: ACCESS_REASON_MAX_LENGTH,
    description: 'why the reporter’s personal data is read in full: recorded with who read it and when, for the auditors (个人信息保护法); must not repeat the name or phone',
  })
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(ACCESS_REASON_MAX_LENGTH)
  reason!: string;
}
