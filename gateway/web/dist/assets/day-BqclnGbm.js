import{A as n,_ as z,o as J,j as C,u as p,a as b,p as F,h as x,e as m,t as a,c as D,g as P,b as r,q as S,r as Q,v as Y,w as X,x as Z,y as tt,z as st,B as $,k as q,C as B,D as et,n as k,E as it,F as y,G as L,H as A,I as H,J as _,K as at,L as G,s as rt,d as ot,M as W,m as nt}from"./index-DdLuavwV.js";import{i as lt,b as dt,f as ct,e as K,m as T,c as ht,t as pt,d as ut,s as U,g as $t,M as ft,h as gt,a as mt}from"./setlog-Dt60nFvj.js";const wt=l=>l.strings===void 0;const vt={CHILD:2},bt=l=>(...t)=>({_$litDirective$:l,values:t});class kt{constructor(t){}get _$AU(){return this._$AM._$AU}_$AT(t,s,e){this._$Ct=t,this._$AM=s,this._$Ci=e}_$AS(t,s){return this.update(t,s)}update(t,s){return this.render(...s)}}const I=(l,t)=>{const s=l._$AN;if(s===void 0)return!1;for(const e of s)e._$AO?.(t,!1),I(e,t);return!0},E=l=>{let t,s;do{if((t=l._$AM)===void 0)break;s=t._$AN,s.delete(l),l=t}while(s?.size===0)},V=l=>{for(let t;t=l._$AM;l=t){let s=t._$AN;if(s===void 0)t._$AN=s=new Set;else if(s.has(l))break;s.add(l),St(t)}};function yt(l){this._$AN!==void 0?(E(this),this._$AM=l,V(this)):this._$AM=l}function xt(l,t=!1,s=0){const e=this._$AH,i=this._$AN;if(i!==void 0&&i.size!==0)if(t)if(Array.isArray(e))for(let o=s;o<e.length;o++)I(e[o],!1),E(e[o]);else e!=null&&(I(e,!1),E(e));else I(this,l)}const St=l=>{l.type==vt.CHILD&&(l._$AP??=xt,l._$AQ??=yt)};class It extends kt{constructor(){super(...arguments),this._$AN=void 0}_$AT(t,s,e){super._$AT(t,s,e),V(this),this.isConnected=t._$AU}_$AO(t,s=!0){t!==this.isConnected&&(this.isConnected=t,t?this.reconnected?.():this.disconnected?.()),s&&(I(this,t),E(this))}setValue(t){if(wt(this._$Ct))this._$Ct._$AI(t,this);else{const s=[...this._$Ct._$AH];s[this._$Ci]=t,this._$Ct._$AI(s,this,0)}}disconnected(){}reconnected(){}}const N=new WeakMap,_t=bt(class extends It{render(l){return n}update(l,[t]){const s=t!==this.G;return s&&this.rt(void 0),(s||this.lt!==this.ct)&&(this.G=t,this.ht=l.options?.host,this.rt(this.ct=l.element)),n}rt(l){if(this.G!==void 0)if(this.isConnected||(l=void 0),typeof this.G=="function"){const t=this.ht??globalThis;let s=N.get(t);s===void 0&&(s=new WeakMap,N.set(t,s)),s.get(this.G)!==void 0&&this.G.call(this.ht,void 0),s.set(this.G,l),l!==void 0&&this.G.call(this.ht,l)}else this.G.value=l}get lt(){return typeof this.G=="function"?N.get(this.ht??globalThis)?.get(this.G):this.G?.value}disconnected(){this.lt===this.ct&&this.rt(void 0)}reconnected(){this.rt(this.ct)}}),Ct="application/vnd.apple.mpegurl";function Et(l){try{return new URL(l.url,location.href).pathname.endsWith(".m3u8")}catch{return l.url.includes(".m3u8")}}class Dt{constructor(t,s,e){this.items=t,this.onChange=s,this.refresh=e;const i=document.createElement("video");i.playsInline=!0,i.controls=!0,i.preload="auto",i.className="video",i.setAttribute("playsinline",""),i.setAttribute("data-testid","video"),i.addEventListener("ended",()=>this.advance()),i.addEventListener("error",()=>{this.onError()}),i.addEventListener("play",()=>this.onChange()),i.addEventListener("pause",()=>this.onChange()),this.video=i}items;onChange;refresh;video;index=0;finished=!1;mutedByPolicy=!1;failed=-1;hls=null;refreshedAt=-1;skipTimer=0;loadSeq=0;get current(){return this.items[this.index]}async load(t,s=!0){if(t<0||t>=this.items.length)return;const e=++this.loadSeq;window.clearTimeout(this.skipTimer),this.index=t,this.finished=!1,this.failed=-1,this.detachHLS();const i=this.items[t],o=this.video;if(Et(i)&&!o.canPlayType(Ct)){const{default:d}=await z(async()=>{const{default:h}=await import("./hls-39WTWagW.js");return{default:h}},[]);if(e!==this.loadSeq)return;if(d.isSupported()){const h=new d({enableWorker:!0,lowLatencyMode:!1});h.on(d.Events.ERROR,(u,c)=>{c.fatal&&this.onError()}),h.loadSource(i.url),h.attachMedia(o),this.hls=h}else o.src=i.url}else o.src=i.url;this.onChange(),s&&await this.play()}async play(){try{await this.video.play()}catch(t){if(t instanceof DOMException&&t.name==="NotAllowedError"&&!this.video.muted){this.video.muted=!0,this.mutedByPolicy=!0;try{await this.video.play()}catch{}}}this.onChange()}unmute(){this.video.muted=!1,this.mutedByPolicy=!1,this.onChange()}next(){this.index<this.items.length-1&&this.load(this.index+1)}prev(){this.index>0&&this.load(this.index-1)}advance(){this.index<this.items.length-1?this.load(this.index+1):(this.finished=!0,this.onChange())}async onError(){const t=this.current;if(!t)return;if((t.urlExpireTime?Date.parse(t.urlExpireTime)<=Date.now()+5e3:!1)&&this.refreshedAt!==this.index){this.refreshedAt=this.index;const i=await this.refresh().catch(()=>null);if(i&&i.length===this.items.length){this.items=i;const o=this.video.currentTime;await this.load(this.index),this.video.currentTime=o;return}}this.failed=this.index,this.onChange();const e=this.index;this.skipTimer=window.setTimeout(()=>{this.index===e&&this.advance()},1500)}detachHLS(){this.hls&&(this.hls.destroy(),this.hls=null)}destroy(){window.clearTimeout(this.skipTimer),this.loadSeq++,this.detachHLS(),this.video.pause(),this.video.removeAttribute("src"),this.video.load()}}const Lt={CLIP_KIND_INTRO:"hand",CLIP_KIND_TECHNIQUE:"target",CLIP_KIND_INSTRUCTION:"list",CLIP_KIND_MISTAKE:"alert",CLIP_KIND_WEEKLY_MOTIVATION:"flame",CLIP_KIND_REST_DAY:"moon",CLIP_KIND_CLOSING:"flag"};function j(l,t=16){const s=Lt[l??""];return s?$(s,t):n}const At="⏱ ";function Tt(l){const t=l.indexOf(`

`+At);return(t>=0?l.slice(0,t):l).trimEnd()}function Nt(l){return l instanceof C?l.status===404?!0:l.status===400&&l.violations.length>0&&l.violations.every(t=>/^(week|day|plan_id|planId)$/.test(t.field)):!1}const R=6,M=l=>`fitcoach.workout.${l}`;class Ft{constructor(t,s,e){this.planId=t,this.week=s,this.day=e,window.addEventListener("beforeunload",this.onBeforeUnload),this.load()}planId;week;day;workout=null;error=null;starting=!1;startError=null;player=null;notice="";missing=[];showPlaylist=window.innerWidth>=900;exIdx=0;pinned=!1;resumed=!1;queued=!1;setsDone=new Map;rest=null;restTick=0;restOver=!1;rows=new Map;logging=!1;swapFor=-1;swapOptions=null;swapChoice="";swapLater=!1;swapAll=!1;swapBusy=!1;swapError=null;swapped="";adapting=!1;holdStart=0;effort=0;notes="";errors=new Map;completeError="";completing=!1;editing=!1;justCompleted=!1;onBeforeUnload=t=>{this.inProgress&&(t.preventDefault(),t.returnValue="")};get inProgress(){return!this.completed&&!this.workout?.isRestDay&&(!!this.player||this.setsDone.size>0)}persist(){if(this.completed&&!this.editing)return;const t={sets:[...this.setsDone],rows:[...this.rows],effort:this.effort,notes:this.notes};try{localStorage.setItem(M(this.key),JSON.stringify(t))}catch{}}restoreDraft(){let t=null;try{t=JSON.parse(localStorage.getItem(M(this.key))??"null")}catch{t=null}if(!t||this.completed)return!1;this.setsDone=new Map(t.sets??[]);const s=(t.rows??[]).filter(([e,i])=>this.rows.has(e)&&lt(i)&&i.kind===this.rows.get(e).kind);for(const[e,i]of s)this.rows.set(e,i);return this.effort=t.effort??0,this.notes=t.notes??"",this.setsDone.size>0||s.some(([,e])=>e.sets.some(dt)||e.pain)}clearDraft(){localStorage.removeItem(M(this.key))}get key(){return J(this.planId,this.week,this.day)}async load(){if(this.error=null,this.week<1||this.week>12||this.day<1||this.day>7){this.error=new C(404,"NOT_FOUND",""),p();return}try{this.workout=(await b.getWorkout(this.planId,this.week,this.day)).workout;const t=F(this.planId,this.week,this.day);t&&(this.workout={...this.workout,log:{...t.body,completeTime:null}},this.queued=!0),this.fillForm(),this.resumed=this.restoreDraft()}catch(t){if(x(t))return;this.error=t}p()}fillForm(){const t=this.workout;if(!t)return;const s=t.log,e=new Set;this.rows=new Map,(t.exercises??[]).forEach((i,o)=>{const d=(s?.exercises??[]).findIndex((u,c)=>!e.has(c)&&u.exerciseSlug.toLowerCase()===i.exerciseSlug.toLowerCase());d>=0&&e.add(d);const h=d>=0?ct(i,s.exercises[d]):K(i);for(let u=0;u<(this.setsDone.get(o)??0)&&d<0;u++)T(h);this.rows.set(o,h)}),s?.perceivedEffort&&(this.effort=s.perceivedEffort),s?.notes&&(this.notes=Tt(s.notes))}get completed(){const t=this.workout?.log;return!!t&&(!!t.completeTime||t.perceivedEffort>0)}async start(){this.starting=!0,this.startError=null,p();try{const t=await b.startWorkout(this.planId,this.week,this.day);t.workout&&(this.workout={...t.workout,log:t.workout.log??this.workout?.log}),this.notice=t.notice??"",this.missing=t.playlist?.missing??[];const s=(t.playlist?.items??[]).filter(e=>e.url);this.player?.destroy(),this.player=new Dt(s,()=>this.onClip(),()=>this.refreshURLs()),this.exIdx=0,this.starting=!1,p(),s.length&&await this.player.load(0),requestAnimationFrame(()=>document.querySelector(".session")?.scrollIntoView({behavior:"smooth",block:"start"}))}catch(t){if(x(t))return;this.startError=t,this.starting=!1,p()}}async refreshURLs(){return((await b.startWorkout(this.planId,this.week,this.day)).playlist?.items??[]).filter(s=>s.url)}onClip(){const t=this.player?.current,s=this.workout?.exercises??[];if(t?.exerciseSlug&&!this.pinned){const e=s.findIndex(i=>i.exerciseSlug.toLowerCase()===t.exerciseSlug.toLowerCase());e>=0&&(this.exIdx=e)}p()}showExercise(t){const s=this.workout?.exercises?.length??0;this.pinned=!0,this.exIdx=Math.max(0,Math.min(s-1,t));const e=(this.workout?.exercises?.[this.exIdx]?.exerciseSlug??"").toLowerCase(),i=this.player;if(i&&e&&i.current?.exerciseSlug?.toLowerCase()!==e){const o=i.items.findIndex(d=>d.exerciseSlug?.toLowerCase()===e);o>=0&&i.load(o)}p()}openLog(){this.logging=!0,p(),requestAnimationFrame(()=>{const t=document.querySelector("[data-testid=complete-form] h2");t&&(t.tabIndex=-1,t.focus())})}editLog(){this.editing=!0,this.justCompleted=!1,this.fillForm(),p()}async openSwap(t,s){if(this.swapFor===t){this.swapFor=-1,p();return}this.swapFor=t,this.swapOptions=null,this.swapChoice="",this.swapError=null,this.swapAll=!1,p();try{const e=await b.swapOptions(this.planId,this.week,this.day,s.exerciseSlug);if(this.swapFor!==t)return;this.swapOptions=e.options??[],this.swapChoice=this.swapOptions[0]?.exerciseSlug??""}catch(e){if(x(e))return;this.swapError=e}p(),requestAnimationFrame(()=>document.querySelector("[data-testid=swap-panel] [aria-checked=true]")?.focus())}async doSwap(t){const s=this.swapFor;this.swapBusy=!0,this.swapError=null,p();try{const e=await b.swap(this.planId,this.week,this.day,t.exerciseSlug,{toSlug:this.swapChoice,laterWeeks:this.swapLater}),i=m(t.exerciseSlug,t.name),o=e.workout?.exercises?.[s];this.workout={...e.workout,log:e.workout.log??this.workout?.log},this.rows.delete(s),this.setsDone.delete(s),this.persist(),this.swapped=a("swappedTo",{from:i,to:o?m(o.exerciseSlug,o.name):this.swapChoice}),this.swapFor=-1,this.swapLater=!1,requestAnimationFrame(()=>document.querySelector(`[data-testid=swap-${s}]`)?.focus())}catch(e){if(x(e))return;this.swapError=e}finally{this.swapBusy=!1,p()}}swapPanel(t){const s=this.swapOptions;return r`<div class="swap-panel" data-testid="swap-panel">
      ${this.swapError?D(this.swapError,()=>{this.doSwap(t)}):n}
      ${s===null&&!this.swapError?P(a("swapLoading")):s&&s.length===0?r`<p class="muted" data-testid="swap-none">${a("swapNone")}</p>`:s?r`<div class="swap-list" role="radiogroup" aria-label=${a("swapChoose")}>
                  ${(this.swapAll?s:s.slice(0,R)).map(e=>r`<button
                      type="button"
                      role="radio"
                      class="swap-opt ${this.swapChoice===e.exerciseSlug?"on":""}"
                      aria-checked=${this.swapChoice===e.exerciseSlug}
                      tabindex=${this.swapChoice===e.exerciseSlug?"0":"-1"}
                      @click=${()=>{this.swapChoice=e.exerciseSlug,p()}}
                      data-testid="swap-opt-${e.exerciseSlug}"
                    >
                      <strong>${m(e.exerciseSlug,e.name)}</strong>
                      ${e.reason?r`<span class="muted small">${e.reason}</span>`:n}
                    </button>`)}
                </div>
                ${!this.swapAll&&s.length>R?r`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>{this.swapAll=!0,p()}} data-testid="swap-more">${a("swapMore",{n:s.length-R})}</button>`:n}
                <label class="check">
                  <input type="checkbox" .checked=${this.swapLater} @change=${e=>this.swapLater=e.target.checked} data-testid="swap-later" />
                  ${a("swapLater")}
                </label>
                <div class="actions">
                  <button class="btn btn-primary btn-sm" ?disabled=${this.swapBusy||!this.swapChoice} @click=${()=>this.doSwap(t)} data-testid="swap-confirm">
                    ${this.swapBusy?r`<span class="spin" aria-hidden="true"></span>`:n}${a("swapConfirm")}
                  </button>
                  <button class="btn btn-ghost btn-sm" @click=${()=>{this.swapFor=-1,p()}}>${a("cancel")}</button>
                </div>`:n}
    </div>`}tickSet(t,s){const e=S(s);this.pinned=!0;const i=Math.min(e,(this.setsDone.get(t)??0)+1);this.setsDone.set(t,i);const o=this.row(t,s),d=this.holdStart?Math.round((Date.now()-this.holdStart)/1e3):0;this.holdStart=0,o.kind==="intervals"?o.sets.forEach(()=>T(o)):T(o,d),this.persist(),i<e&&(s.restSeconds??0)>0?this.startRest(s.restSeconds??0):(this.stopRest(),p())}startRest(t,s){this.stopRest(),this.restOver=!1,this.rest={endAt:Date.now()+t*1e3,total:t,hold:s},this.restTick=window.setInterval(()=>{if(this.rest&&Date.now()>=this.rest.endAt){const e=this.rest.hold;this.stopRest(),"vibrate"in navigator&&navigator.vibrate?.(200),e?e():this.restOver=!0}p()},250),p()}startHold(t,s){this.pinned=!0,this.startRest(s.durationSeconds??0,()=>this.tickSet(t,s)),this.holdStart=Date.now()}stopRest(){window.clearInterval(this.restTick),this.restTick=0,this.rest=null}async complete(t){t.preventDefault();const s=this.workout;if(!s)return;if(this.errors=new Map,this.completeError="",this.effort<1||this.effort>10){this.errors.set("perceivedEffort",[a("effortRequired")]),p();return}const e=[];for(const[o,d]of(s.exercises??[]).entries()){const h=this.row(o,d);h.sets.some(c=>ht(c).length)&&this.errors.set(`exercises.${o}.sets`,[a("notANumber")]);const u=pt(d.exerciseSlug,h);(u.sets?.length||u.pain)&&e.push(u)}if(this.errors.size){this.completeError=a("fixFields"),p();return}const i=this.notes.trim();this.completing=!0,p();try{const o=await b.completeWorkout(this.planId,this.week,this.day,{exercises:e,perceivedEffort:this.effort,notes:i});this.workout={...s,log:o.log},this.adapting=!!o.adaptationQueued,this.logging=!1,Q(this.planId,this.week,this.day),this.queued=!1,Y.done.set(this.key,!0),this.clearDraft(),this.resumed=!1,this.editing=!1,this.justCompleted=!0,this.stopRest(),requestAnimationFrame(()=>document.querySelector("[data-testid=completed]")?.scrollIntoView({behavior:"smooth",block:"center"}))}catch(o){if(x(o))return;if(o instanceof C&&o.status===0){const d={exercises:e,perceivedEffort:this.effort,notes:i};X({planId:this.planId,week:this.week,day:this.day,body:d}),this.workout={...s,log:{...d,completeTime:null}},this.queued=!0,this.logging=!1,this.clearDraft(),this.resumed=!1,this.editing=!1,this.justCompleted=!0,this.stopRest()}else if(o instanceof C&&o.violations.length){this.errors=new Map;for(const[d,h]of Z(o.violations,["request"],tt)){const u=/^exercises\.(\d+)(.*)$/.exec(d),c=u?(s.exercises??[]).findIndex(g=>g.exerciseSlug===e[Number(u[1])]?.exerciseSlug):-1;this.errors.set(u&&c>=0?`exercises.${c}${u[2]}`:d,h)}this.completeError=a("fixFields")}else this.completeError=st(o)}finally{this.completing=!1,p()}}errs(t){const s=[];for(const[e,i]of this.errors)(e===t||e.startsWith(t+"."))&&s.push(...i);return s}header(t){return r`<section class="day-hero ${t.isRestDay?"is-rest":""}">
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}?week=${this.week}" data-nav data-testid="back-to-plan">‹ ${a("backToPlan")}</a>
      <div class="eyebrow">${a("week",{n:this.week})} · ${a("day",{n:this.day})}</div>
      <h1 data-testid="workout-name">${t.workoutName}</h1>
      <div class="meta-row">
        ${t.isRestDay?r`<span class="badge badge-rest">${$("moon",14)} ${a("restDay")}</span>`:n}
        ${t.isRestDay?n:r`<span class="badge">${q("exercises",t.exercises.length)}</span>`}
        ${this.completed?r`<span class="badge badge-done" data-testid="done-badge">✓ ${a("completedBadge")}</span>`:n}
      </div>
      ${t.weekFocus?r`<p class="week-focus"><span class="label-inline">${a("focus")}:</span> ${t.weekFocus}</p>`:n}
      ${t.confidenceTask?r`<div class="task"><span class="task-icon">${$("bolt",22)}</span><div><strong>${a("confidenceTask")}</strong><p>${t.confidenceTask}</p></div></div>`:n}
      ${this.player||t.isRestDay?n:r`<div class="actions">
            <button class="btn btn-cta btn-lg" ?disabled=${this.starting} @click=${()=>this.start()} data-testid="start-workout">
              ${this.starting?r`<span class="spin" aria-hidden="true"></span>${a("starting")}`:r`${$("play",20)} ${a("startWorkout")}`}
            </button>
            ${this.completed||this.logging||this.resumed?n:r`<button class="btn btn-ghost btn-lg" @click=${()=>this.openLog()} data-testid="log-workout">${$("list",20)} ${a("logWorkout")}</button>`}
          </div>`}
      ${this.startError?D(this.startError,()=>{this.start()}):n}
    </section>`}exerciseTable(t){if(t.isRestDay)return r`<div class="card rest-card" data-testid="recovery">
        <span class="big-icon">${$("moon",44)}</span>
        <h2>${a("recoveryTitle")}</h2>
        ${t.recoveryGuidance?r`<p data-testid="recovery-guidance">${t.recoveryGuidance}</p>`:r`<p>${a("restDayLead")}</p>
              <ul class="recovery-list">
                <li>${a("recovery1")}</li>
                <li>${a("recovery2")}</li>
                <li>${a("recovery3")}</li>
              </ul>`}
        ${this.player?n:r`<div class="actions">
              <button class="btn btn-ghost" ?disabled=${this.starting} @click=${()=>this.start()} data-testid="rest-video">
                ${$("play",18)} ${a("recoveryVideo")}
              </button>
            </div>`}
      </div>`;const s=B(t.exercises);return r`<div class="card ex-table" data-testid="exercises">
      ${this.swapped?r`<div class="alert alert-ok" role="status" data-testid="swapped">${this.swapped}</div>`:n}
      ${et(t.exercises).map(e=>r`<section class="ex-block" data-block=${e.block} data-testid="block-${e.block}">
          ${s?r`<h2 class="ex-block-title">${k("block_"+e.block)}</h2>`:n}
          <ol start=${e.items[0].i+1}>
            ${e.items.map(({e:i,i:o})=>{const d=[it(i),y(i)].filter(Boolean).join(" · ");return r`<li class=${this.player&&o===this.exIdx?"current":""} data-kind=${L(i)} data-slug=${i.exerciseSlug} data-testid="exercise-${o}">
                <span class="ex-idx">${o+1}</span>
                <span class="ex-main">
                  <span class="ex-name">${m(i.exerciseSlug,i.name)}</span>
                  ${i.cue?r`<span class="ex-cue" data-testid="cue-${o}">${i.cue}</span>`:n}
                </span>
                <span class="ex-dose">
                  <span class="dose" data-testid="dose-${o}">${A(i)}</span>
                  ${d?r`<span class="rest">${d}</span>`:n}
                </span>
                ${(this.setsDone.get(o)??0)>=S(i)?r`<span class="tick" aria-label=${a("done")}>✓</span>`:n}
                <span class="ex-acts">
                  <a class="btn btn-ghost btn-xs" href="/history/exercises/${encodeURIComponent(i.exerciseSlug)}" data-nav data-testid="history-${o}"
                    aria-label=${a("historyOf",{name:m(i.exerciseSlug,i.name)})}>${a("historyShort")}</a>
                  ${this.completed?n:r`<button class="btn btn-ghost btn-xs" aria-expanded=${this.swapFor===o} @click=${()=>this.openSwap(o,i)} data-testid="swap-${o}"
                        aria-label=${a("swapOf",{name:m(i.exerciseSlug,i.name)})}>⇄ ${a("swap")}</button>`}
                </span>
                ${this.swapFor===o?this.swapPanel(i):n}
              </li>`})}
          </ol>
        </section>`)}
    </div>`}restRing(){const t=this.rest,s=Math.max(0,Math.ceil((t.endAt-Date.now())/1e3)),e=t.total>0?Math.max(0,(t.endAt-Date.now())/(t.total*1e3)):0,i=2*Math.PI*42,o=t.hold;return r`<div class="rest-timer ${o?"is-hold":""}" role="timer" aria-live="off" data-testid=${o?"hold-timer":"rest-timer"}>
      <svg viewBox="0 0 100 100" class="ring" aria-hidden="true">
        <circle cx="50" cy="50" r="42" class="ring-bg" />
        <circle cx="50" cy="50" r="42" class="ring-fg" stroke-dasharray=${i} stroke-dashoffset=${i*(1-e)} />
      </svg>
      <div class="rest-left"><span class="rest-label">${o?a("holdNow"):a("restNow")}</span><strong>${H(s)}</strong></div>
      ${o?r`<button class="btn btn-ghost btn-sm" @click=${()=>{this.stopRest(),o()}} data-testid="hold-done">${a("holdDone")}</button>`:r`<button class="btn btn-ghost btn-sm" @click=${()=>{this.stopRest(),p()}}>${a("skipRest")}</button>`}
    </div>`}doseGrid(t){const s=(i,o,d)=>r`<div><span class="dose-num" data-testid=${i}>${o}</span><span class="dose-lbl">${d}</span></div>`,e=(t.restSeconds??0)>0?s("current-rest",_(t.restSeconds??0),a("restSecondsLabel")):n;switch(L(t)){case"intervals":return r`${s("current-sets",String(t.rounds??0),a("roundsLabel"))}${s("current-reps",_(t.workSeconds??0),a("workLabel"))}${s("current-rest",_(t.recoverySeconds??0),a("recoveryLabel"))}`;case"cardio":return r`${s("current-reps",rt(t.durationSeconds??0),a("time"))}${(t.distanceMeters??0)>0?s("current-distance",ot(t.distanceMeters??0),a("distanceLabel")):n}${y(t)?s("current-effort",y(t),a("effortTarget")):n}`;case"time":return r`${s("current-sets",String(S(t)),a("sets"))}${s("current-reps",G(t.durationSeconds??0),a("time"))}${e}`;default:return r`${s("current-sets",String(S(t)),a("sets"))}${s("current-reps",at(t.reps),a("reps"))}${e}`}}coachPanel(t){const s=t.exercises??[];if(t.isRestDay||s.length===0)return r`<div class="coach-panel card"><p class="muted">${a("restDayLead")}</p></div>`;const e=Math.min(this.exIdx,s.length-1),i=s[e],o=L(i),d=S(i),h=this.setsDone.get(e)??0,u=i.restSeconds??0,c=this.player?.current,g=!c?.exerciseSlug&&c?.kind==="CLIP_KIND_INTRO",f=o==="cardio"?"":y(i);return r`<div class="coach-panel card" data-testid="current-exercise" data-kind=${o} data-index=${e} data-sets=${d} data-slug=${i.exerciseSlug.toLowerCase()}>
      <div class="coach-top">
        <button class="icon-btn" ?disabled=${this.exIdx===0} @click=${()=>this.showExercise(this.exIdx-1)} aria-label=${a("prev")} data-testid="panel-prev">‹</button>
        <div class="eyebrow">${g?a("upNext"):a("exercise")} ${this.exIdx+1}/${s.length}${B(s)?r` · ${k("block_"+(i.block||"main"))}`:n}</div>
        <button class="icon-btn" ?disabled=${this.exIdx>=s.length-1} @click=${()=>this.showExercise(this.exIdx+1)} aria-label=${a("next")} data-testid="panel-next">›</button>
      </div>
      <h2 class="coach-name" data-testid="current-exercise-name">${m(i.exerciseSlug,i.name)}</h2>
      <div class="dose-grid">${this.doseGrid(i)}</div>
      ${this.coachHints(i,e)}
      <p class="coach-dose" data-testid="current-dose" ?hidden=${W(i)===A(i)&&o!=="reps"}>${W(i)}</p>
      ${f||i.cue?r`<p class="coach-cue" data-testid="current-cue">
            ${f?r`<span class="badge badge-soft" title=${a("rpeTitle")}>${f}</span>`:n} ${i.cue??""}
          </p>`:n}
      ${d>1?r`<div class="set-dots" role="img" aria-label=${a("setProgress",{i:h,n:d})}>
            ${Array.from({length:d},(O,v)=>r`<span class=${v<h?"on":""}></span>`)}
          </div>`:n}
      ${this.completed&&!this.editing?n:this.rest?this.restRing():h>=d?r`<p class="all-done">✓ ${d>1?a("allSetsDone"):a("done")}</p>
              ${e<s.length-1?r`<button class="btn btn-primary" @click=${()=>this.showExercise(e+1)} data-testid="next-exercise">
                    ${a("nextExercise")} ›
                  </button>`:n}`:r`<div class="coach-actions">
              ${o==="time"&&(i.durationSeconds??0)>0?r`<button class="btn btn-cta" @click=${()=>this.startHold(e,i)} data-testid="start-hold">
                    ${$("timer",18)} ${a("startHold",{t:G(i.durationSeconds??0)})}
                  </button>`:n}
              <button class="btn btn-primary" @click=${()=>this.tickSet(e,i)} data-testid="set-done">
                ${$("check",18)} ${d>1?a("setDone",{i:h+1,n:d}):a("markDone")}
              </button>
              ${u>0&&d>1?r`<button class="btn btn-ghost" @click=${()=>this.startRest(u)} data-testid="start-rest">
                    ${$("timer",18)} ${a("startRest",{t:_(u)})}
                  </button>`:n}
            </div>`}
      ${this.restOver&&!this.rest?r`<p class="rest-over" role="status">${a("restOver")}</p>`:n}
    </div>`}session(t){const s=this.player,e=s.current,i=s.items.length,o=t.isRestDay||(t.exercises??[]).length===0;return r`<section class="session" data-testid="session">
      ${this.notice?r`<div class="alert alert-info" role="status" data-testid="notice">${this.notice}</div>`:n}
      ${this.missing.length?r`<div class="alert alert-warn" role="status">
            ${a("missingClips",{list:this.missing.map(d=>`${k("kind_"+d.kind,d.kind)}${d.exerciseSlug?" · "+m(d.exerciseSlug):""}`).join(", ")})}
          </div>`:n}
      <div class="session-grid ${o?"solo":""}">
        <div class="player card">
          ${i?r`<div class="video-box">
                  ${s.video}
                  ${s.failed===s.index?r`<div class="video-overlay">${a("videoError")}</div>`:n}
                  ${s.mutedByPolicy?r`<button class="unmute" @click=${()=>s.unmute()}>${$("volume",18)}</button>`:n}
                </div>
                <div class="now">
                  <div class="now-text">
                    <div class="now-meta">
                      <span class="eyebrow">${a("clipOf",{i:s.index+1,n:i})}</span>
                      ${e?.kind?r`<span class="badge badge-soft kind">${j(e.kind,14)} ${k("kind_"+e.kind,"")}</span>`:n}
                    </div>
                    <div class="now-title" data-testid="now-title">${e?.title||m(e?.exerciseSlug??"",e?.exerciseName)}</div>
                  </div>
                  <div class="now-ctrl">
                    <button class="icon-btn" ?disabled=${s.index===0} @click=${()=>s.prev()} aria-label=${a("prev")} data-testid="prev-clip">${$("prev",18)}</button>
                    <button class="icon-btn" ?disabled=${s.index>=i-1} @click=${()=>s.next()} aria-label=${a("next")} data-testid="next-clip">${$("next",18)}</button>
                  </div>
                </div>
                <div class="progress" aria-hidden="true"><span ${_t(Rt((s.index+(s.finished?1:0))/i*100))}></span></div>
                ${s.finished?r`<div class="alert alert-ok" role="status" data-testid="playlist-finished">${$("flag",18)} ${a("finished")}</div>`:n}
                <details class="playlist" ?open=${this.showPlaylist} @toggle=${d=>this.showPlaylist=d.target.open}>
                  <summary>${a("playlist")} · ${i}</summary>
                  <ol>
                    ${s.items.map((d,h)=>r`<li class="${h===s.index?"on":""} ${h<s.index?"past":""}" data-slug=${(d.exerciseSlug??"").toLowerCase()}>
                        <button @click=${()=>{s.load(h)}} data-testid="clip-${h}">
                          <span class="pl-icon" aria-hidden="true">${h===s.index?$("play",16):h<s.index?$("check",16):j(d.kind)}</span>
                          <span class="pl-title">${d.title||k("kind_"+d.kind,d.kind)}</span>
                          <span class="pl-dur">${H(d.durationSeconds)}</span>
                        </button>
                      </li>`)}
                  </ol>
                </details>`:r`<div class="alert alert-info">${this.notice?"":a("playlistEmpty")}</div>`}
        </div>
        ${o?n:this.coachPanel(t)}
      </div>
    </section>`}completeForm(t){const s=this.errs("perceivedEffort"),e=this.errs("notes");return r`<form class="card form complete-form" novalidate @submit=${i=>this.complete(i)} data-testid="complete-form">
      <h2>${a("completeTitle")}</h2>
      <p class="muted">${a("completeLead")}</p>
      ${t.exercises.length?r`<div class="log-rows">${t.exercises.map((i,o)=>this.logRow(i,o))}</div>`:n}
      <div class="field ${s.length?"has-error":""}" data-field="perceivedEffort">
        <span class="label" id="effort-label">${a("effort")}</span>
        <div class="effort" role="radiogroup" aria-labelledby="effort-label">
          ${Array.from({length:10},(i,o)=>o+1).map(i=>r`<button
              type="button"
              role="radio"
              aria-checked=${this.effort===i}
              class="e${i} ${this.effort===i?"on":""}"
              @click=${()=>{this.effort=i,this.persist(),this.errors.delete("perceivedEffort"),p()}}
              data-testid="effort-${i}"
            >
              ${i}
            </button>`)}
        </div>
        <div class="effort-scale muted small"><span>${a("effortLow")}</span><span>${a("effortHigh")}</span></div>
        ${s.map(i=>r`<p class="field-error" role="alert" data-testid="error-perceivedEffort">${i}</p>`)}
      </div>
      <label class="field ${e.length?"has-error":""}">
        <span class="label">${a("workoutNotes")}</span>
        <textarea
          rows="3"
          maxlength="1000"
          placeholder=${a("workoutNotesPlaceholder")}
          .value=${this.notes}
          @input=${i=>{this.notes=i.target.value,this.persist()}}
          data-testid="notes"
        ></textarea>
        ${e.map(i=>r`<p class="field-error" role="alert">${i}</p>`)}
      </label>
      ${this.completeError?r`<div class="alert alert-error" role="alert">${this.completeError}</div>`:n}
      <div class="actions">
        <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.completing} data-testid="complete-workout">
          ${this.completing?r`<span class="spin" aria-hidden="true"></span>${a("completing")}`:r`${$("check",20)} ${a("complete")}`}
        </button>
      </div>
    </form>`}row(t,s){let e=this.rows.get(t);return e||(e=K(s),this.rows.set(t,e)),e}changed(){this.persist(),p()}setInput(t,s,e,i,o){return r`<label class="set-cell">
      <span class="set-lbl" aria-hidden="true">${i}</span>
      <input
        type="text"
        aria-label=${a("setField",{n:s,what:i})}
        inputmode="decimal"
        autocomplete="off"
        .value=${t[e]}
        @input=${d=>{t[e]=d.target.value,t.state===""&&ut(t)&&(t.state="done"),this.changed()}}
        data-testid=${o}
      />
    </label>`}logRow(t,s){const e=this.row(s,t),i=this.errs(`exercises.${s}`),o=m(t.exerciseSlug,t.name),d=e.scale==="rir"?a("rirShort"):a("rpeShort"),h=e.scale==="rir"?[0,1,2,3,4,5]:[1,2,3,4,5,6,7,8,9,10],u=t.suggestion;return r`<fieldset class="log-ex ${i.length?"has-error":""}" data-kind=${e.kind} data-slug=${t.exerciseSlug} data-testid="log-row-${s}">
      <legend class="log-name">
        <strong>${o}</strong>
        <span class="muted small">${A(t)}${y(t)?` · ${y(t)}`:""}</span>
      </legend>
      ${this.coachHints(t,s)}
      ${u&&U(u)?r`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>{$t(e,u),this.changed()}} data-testid="use-suggestion-${s}">${a("useSuggestion")}</button>`:n}
      <div class="sets" role="group" aria-label=${a("setsOf",{name:o})}>
        ${e.sets.map((c,g)=>{const f=g+1,O=w=>a("setField",{n:f,what:w});let v;switch(e.kind){case"cardio":v=r`${this.setInput(c,f,"minutes",a("minShort"),`set-min-${s}-${g}`)}${this.setInput(c,f,"km",a("kmShort"),`set-km-${s}-${g}`)}`;break;case"time":case"intervals":v=this.setInput(c,f,"seconds",a("secShort"),`set-sec-${s}-${g}`);break;default:v=r`${this.setInput(c,f,"kg",a("kgShort"),`set-kg-${s}-${g}`)}${this.setInput(c,f,"reps",a("repsShort"),`set-reps-${s}-${g}`)}`}return r`<div class="set-row ${c.state}" data-testid="set-${s}-${g}" data-state=${c.state}>
            <span class="set-n" aria-hidden="true">${f}</span>
            <span class="visually-hidden">${a("setN",{n:f})}</span>
            ${c.state==="skipped"?r`<span class="set-skipped">${a("skipped")}</span>`:v}
            ${c.state==="skipped"?n:r`<label class="set-cell">
                  <span class="set-lbl">${d}</span>
                  <select
                    aria-label=${O(d)}
                    .value=${c.effort}
                    @change=${w=>{c.effort=w.target.value,this.changed()}}
                    data-testid="set-effort-${s}-${g}"
                  >
                    <option value="" ?selected=${c.effort===""}>—</option>
                    ${h.map(w=>r`<option value=${String(w)} ?selected=${c.effort===String(w)}>${w}</option>`)}
                  </select>
                </label>`}
            <span class="set-state">
              <button
                type="button"
                class="set-btn ok"
                aria-pressed=${c.state==="done"}
                aria-label=${a("setDoneN",{n:f})}
                title=${a("setDoneN",{n:f})}
                @click=${()=>{c.state=c.state==="done"?"":"done",this.changed()}}
                data-testid="set-done-${s}-${g}"
              >${$("check",16)}</button>
              <button
                type="button"
                class="set-btn skip"
                aria-pressed=${c.state==="skipped"}
                aria-label=${a("setSkipN",{n:f})}
                title=${a("setSkipN",{n:f})}
                @click=${()=>{c.state=c.state==="skipped"?"":"skipped",this.changed()}}
                data-testid="set-skip-${s}-${g}"
              >✕</button>
            </span>
          </div>`})}
      </div>
      <div class="log-ex-foot">
        ${e.sets.length<ft?r`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>{gt(e),this.changed()}} data-testid="add-set-${s}">+ ${e.kind==="intervals"?a("addRound"):a("addSet")}</button>`:n}
        <label class="pain-toggle">
          <input
            type="checkbox"
            .checked=${e.pain}
            @change=${c=>{e.pain=c.target.checked,e.pain||(e.painNote=""),this.changed()}}
            data-testid="pain-${s}"
          />
          ${a("painToggle")}
        </label>
      </div>
      ${e.pain?r`<label class="field pain-note">
            <span class="label">${a("painNote")}</span>
            <input
              type="text"
              maxlength="300"
              placeholder=${a("painNotePlaceholder")}
              .value=${e.painNote}
              @input=${c=>{e.painNote=c.target.value,this.persist()}}
              data-testid="pain-note-${s}"
            />
          </label>`:n}
      ${i.map(c=>r`<p class="field-error" role="alert">${c}</p>`)}
    </fieldset>`}coachHints(t,s){const e=t.lastTime,i=t.suggestion,o=i?U(i):"";return!e?.summary&&!o?r``:r`<div class="hints">
      ${e?.summary?r`<p class="hint" data-testid="last-time-${s}">
            <span class="hint-k">${a("lastTime")}</span> ${e.summary}${e.pain?r` <span class="badge badge-warn">${a("hurt")}</span>`:n}
          </p>`:n}
      ${o?r`<p class="hint" data-testid="suggestion-${s}">
            <span class="hint-k">${a("suggested")}</span> <strong>${o}</strong>
            <span class="badge badge-soft">${k("action_"+i.action,"")}</span>
            ${i.reason?r`<span class="muted small hint-why">${i.reason}</span>`:n}
          </p>`:n}
    </div>`}loggedSummary(t){const s=(t.log?.exercises??[]).filter(e=>(e.sets??[]).length||e.setsDone||e.pain);return s.length?r`<ul class="logged" data-testid="logged">
      ${s.map(e=>r`<li>
          <strong>${m(e.exerciseSlug,t.exercises.find(i=>i.exerciseSlug===e.exerciseSlug)?.name)}</strong>
          <span>${(e.sets??[]).length?(e.sets??[]).map(mt).join(", "):(e.repsDone??[]).length?e.repsDone.join(", "):q("setsN",e.setsDone)}</span>
          ${e.pain?r`<span class="badge badge-warn" data-testid="logged-pain">${a("hurt")}${e.painNote?`: ${e.painNote}`:""}</span>`:n}
        </li>`)}
    </ul>`:r``}completedCard(t){const s=t.log;return r`<div class="card completed ${this.justCompleted?"pop":""}" role="status" data-testid="completed">
      <div class="completed-icon">${$("check",26)}</div>
      <div class="completed-body">
        <h2>${this.justCompleted?a("completedTitle"):a("completedBadge")}</h2>
        <p class="muted">
          ${this.justCompleted?a("completedLead"):""}
          ${s.completeTime?a("completedOn",{d:nt(s.completeTime)}):""}
        </p>
        ${this.queued&&F(this.planId,this.week,this.day)?r`<div class="alert alert-warn" role="status" data-testid="queued">${a("queued")}</div>`:n}
        ${this.adapting?r`<div class="alert alert-info" role="status" data-testid="adapting">
              ${a("adaptingNext",{n:this.week+1})}
              <a href="/plans/${encodeURIComponent(this.planId)}?week=${this.week+1}&changes=1" data-nav data-testid="see-changes">${a("seeChanges")}</a>
            </div>`:n}
        ${this.loggedSummary(t)}
        ${s.notes?r`<p class="log-notes">${a("quoted",{s:s.notes})}</p>`:n}
        <div class="meta-row">
          <span class="badge badge-done" data-testid="completed-effort">${a("effortValue",{n:s.perceivedEffort})}</span>
          <button class="btn btn-ghost btn-sm" @click=${()=>this.editLog()} data-testid="edit-log">
            ${a("editLog")}
          </button>
        </div>
      </div>
    </div>`}render(){if(this.error)return Nt(this.error)?r`<div class="card empty" data-testid="not-found"><h1>${a("notFound")}</h1><p class="muted">${a("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${a("home")}</a></div>`:D(this.error,()=>{this.load()});const t=this.workout;if(!t)return P();const s=t.isRestDay?!1:this.completed?this.editing:!!this.player||this.resumed||this.logging;return r`
      ${this.header(t)}
      ${this.completed&&!this.editing?this.completedCard(t):n}
      ${this.resumed&&!this.player&&!this.completed?r`<div class="alert alert-info" role="status" data-testid="resumed">${a("resumed")}</div>`:n}
      ${this.player?this.session(t):n}
      ${this.exerciseTable(t)}
      ${s?this.completeForm(t):n}
    `}destroy(){window.removeEventListener("beforeunload",this.onBeforeUnload),this.stopRest(),this.player?.destroy(),this.player=null}}function Rt(l){return t=>{t instanceof HTMLElement&&(t.style.width=`${l}%`)}}export{Ft as DayView};
