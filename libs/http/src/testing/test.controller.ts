import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { PRINCIPAL_ROLES, type Principal } from '@whistle/auth';
import { WrongExpectedRevision } from '@whistle/event-store';
import { CommandRefused, InvalidCommand } from '@whistle/kernel';
import { Type } from 'class-transformer';
import { IsArray, IsHexadecimal, IsIn, IsOptional, IsString, Length, Matches, MinLength, ValidateNested } from 'class-validator';
import { assertScope } from '../auth/assert-scope';
import { Roles } from '../auth/auth.decorators';
import { ApiCommandHeaders } from '../docs/command-headers.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IfMatch } from '../conditional/if-match.decorator';
import { NotFound, currentCorrelationId } from '@whistle/application';

class ReporterDto {
  @IsString() name!: string;
  @Matches(/^1\d{10}$/, { message: 'phone must be an 11-digit mobile number' }) phone!: string;
}

class EvidenceDto {
  @IsString() name!: string;
  @IsHexadecimal() @Length(64, 64) sha256!: string;
}

export class ReportCaseDto {
  @IsString() compoundId!: string;
  @IsString() @MinLength(5) description!: string;
  @IsIn(['hotline', 'app', 'walk_in']) channel!: string;
  @IsOptional() @ValidateNested() @Type(() => ReporterDto) reporter?: ReporterDto;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => EvidenceDto) evidence?: EvidenceDto[];
}

/** Counts the commands that really ran, so replays can be told apart from second runs. */
export const handled = { reports: 0 };

/** A route for each way a request can fail, shaped like the services' own. */
// Any signed-in caller, unless a handler narrows it: the guard refuses a route without a rule.
@Roles(...PRINCIPAL_ROLES)
@Controller('api/test')
export class TestController {
  @Post('cases')
  @Roles('reporter', 'station', 'office')
  @HttpCode(201)
  async report(@Body() dto: ReportCaseDto, @CurrentPrincipal() principal: Principal) {
    handled.reports += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { id: `case-${handled.reports}`, compoundId: dto.compoundId, by: principal.sub, correlationId: currentCorrelationId() };
  }

  @Get('cases/:caseId')
  find(@Param('caseId') caseId: string) {
    if (caseId !== 'case-1') throw new NotFound('case', caseId);
    return { id: caseId };
  }

  @Post('cases/:caseId/withdraw')
  @ApiCommandHeaders()
  @HttpCode(200)
  withdraw(@Param('caseId') caseId: string, @IfMatch() revision: number | undefined) {
    if (revision !== undefined && revision !== 3) throw new WrongExpectedRevision(`intake-${caseId}`, revision, 3);
    return { id: caseId, revision: 4, expected: revision ?? null };
  }

  @Post('cases/:caseId/reopen')
  reopen() {
    throw new CommandRefused('reopening_window_closed', 'the case closed more than 15 days ago and cannot be reopened');
  }

  @Post('cases/:caseId/whistle')
  whistle() {
    throw new InvalidCommand('units', 'unit U-404 is not in the catalogue');
  }

  @Get('stations/:stationId/queue')
  @Roles('station', 'office')
  queue(@Param('stationId') stationId: string, @CurrentPrincipal() principal: Principal) {
    assertScope(principal, { stationId });
    return { stationId, cases: [] };
  }

  @Get('boom')
  boom() {
    throw new Error('connection to db://admin:hunter2@10.0.0.5 refused');
  }
}
